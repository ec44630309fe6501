package synerise

import (
	"net/http"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// workspaceItem is one element of GET /uauth/business-profile/.
type workspaceItem struct {
	BusinessProfileGUID string `json:"businessProfileGuid"`
	Logo                string `json:"logo"`
	Name                string `json:"name"`
	ID                  int64  `json:"id"`
	Created             string `json:"created"`
	Subdomain           string `json:"subdomain"`
	IPRestricted        bool   `json:"ipRestricted"`
	MFARequired         bool   `json:"mfaRequired"`
}

// currentData is the data object of GET /uauth/business-profile/current.
type currentData struct {
	ID                  int64  `json:"id"`
	Name                string `json:"name"`
	Logo                string `json:"logo"`
	BusinessProfileGUID string `json:"businessProfileGuid"`
	Created             string `json:"created"`
	Subdomain           string `json:"subdomain"`
	IPRestriction       string `json:"ipRestriction"`
	MFARestriction      string `json:"mfaRestriction"`
}

// currentResponse is the body of GET /uauth/business-profile/current.
type currentResponse struct {
	Selected bool         `json:"selected"`
	Data     *currentData `json:"data"`
}

// onOff renders b as "ON" or "OFF".
func onOff(b bool) string {
	if b {
		return "ON"
	}
	return "OFF"
}

// handleListWorkspaces serves GET /uauth/business-profile[/]: the
// workspaces the (fully authenticated) user can access.
func (s *Service) handleListWorkspaces(w http.ResponseWriter, r *http.Request) {
	c, ok := s.authenticate(w, r, kindUser, kindUserWorkspace)
	if !ok {
		return
	}
	u, _ := s.dir.userByID(c.UserID)
	out := []workspaceItem{}
	for _, ws := range s.dir.workspaceList() {
		if u.canAccess(ws.guid) {
			out = append(out, workspaceItem{
				BusinessProfileGUID: ws.guid, Logo: ws.logo, Name: ws.name, ID: ws.id,
				Created: ws.created.UTC().Format(time.RFC3339), Subdomain: ws.subdomain,
				IPRestricted: s.ipRestricted(ws), MFARequired: ws.mfaRequired,
			})
		}
	}
	httpjson.Write(w, http.StatusOK, out)
}

// handleCurrentWorkspace serves GET /uauth/business-profile/current.
func (s *Service) handleCurrentWorkspace(w http.ResponseWriter, r *http.Request) {
	c, ok := s.authenticate(w, r, kindUser, kindUserWorkspace, kindWorkspace)
	if !ok {
		return
	}
	ws, found := s.dir.findWorkspace(c.WorkspaceID)
	if c.WorkspaceID == "" || !found {
		httpjson.Write(w, http.StatusOK, currentResponse{Selected: false})
		return
	}
	httpjson.Write(w, http.StatusOK, currentResponse{Selected: true, Data: &currentData{
		ID: ws.id, Name: ws.name, Logo: ws.logo, BusinessProfileGUID: ws.guid,
		Created: ws.created.UTC().Format(time.RFC3339), Subdomain: ws.subdomain,
		IPRestriction: onOff(s.ipRestricted(ws)), MFARestriction: onOff(ws.mfaRequired),
	}})
}
