package synerise

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// tokenResponse is the {"token"} body of API-key login and refresh.
type tokenResponse struct {
	Token string `json:"token"`
}

// mintWorkspace mints a workspace token for the API key's workspace.
func (s *Service) mintWorkspace(ws workspace) (string, error) {
	return s.mint(claims{Nme: ws.name, Rlm: realmWorkspace, UUID: apiKeyUUID, WorkspaceID: ws.guid, BusinessID: ws.id})
}

// handleAPIKeyLogin serves POST /uauth/v2/auth/login/profile and the legacy
// POST /v4/auth/login/profile.
func (s *Service) handleAPIKeyLogin(w http.ResponseWriter, r *http.Request) {
	var body struct {
		APIKey string `json:"apiKey"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	key := strings.TrimSpace(body.APIKey)
	if key == "" {
		fail(w, r, http.StatusBadRequest, "apiKey is required")
		return
	}
	if subtle.ConstantTimeCompare([]byte(strings.ToLower(key)), []byte(DemoAPIKey)) != 1 {
		fail(w, r, http.StatusUnauthorized, "Invalid API key")
		return
	}
	s.writeWorkspaceToken(w, r, seedWorkspaces[0])
}

// handleRefresh serves GET /v4/auth/refresh/profile: a still-valid workspace
// token is exchanged for a new one with a full lifetime.
func (s *Service) handleRefresh(w http.ResponseWriter, r *http.Request) {
	c, ok := s.authenticate(w, r, kindWorkspace)
	if !ok {
		return
	}
	ws, found := s.dir.findWorkspace(c.WorkspaceID)
	if !found {
		fail(w, r, http.StatusUnauthorized, "JWT token is invalid")
		return
	}
	s.writeWorkspaceToken(w, r, ws)
}

// writeWorkspaceToken answers {"token"} with a new workspace token for ws.
func (s *Service) writeWorkspaceToken(w http.ResponseWriter, r *http.Request, ws workspace) {
	token, err := s.mintWorkspace(ws)
	if err != nil {
		fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	httpjson.Write(w, http.StatusOK, tokenResponse{Token: token})
}

// handlePermissionCheck serves POST /uauth/api-key/permission-check.
func (s *Service) handlePermissionCheck(w http.ResponseWriter, r *http.Request) {
	c, ok := s.authenticate(w, r, kindWorkspace)
	if !ok {
		return
	}
	var names []string
	if !decodeBody(w, r, &names) {
		return
	}
	ws, _ := s.dir.findWorkspace(c.WorkspaceID)
	perms := make(map[string]bool, len(names))
	for _, n := range names {
		perms[n] = apiKeyPermissions[n]
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"businessProfileName": ws.name, "permissions": perms})
}
