package synerise

import (
	"crypto/subtle"
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// consumer is the consumer object of user login responses.
type consumer struct {
	Type              string   `json:"type"`
	BusinessProfileID *int64   `json:"businessProfileId"`
	Name              string   `json:"name"`
	ID                int64    `json:"id"`
	Authorities       []string `json:"authorities"`
	Roles             string   `json:"roles"`
}

// userLoginResponse is the body of login, MFA verification and selection.
type userLoginResponse struct {
	Token      string    `json:"token"`
	Consumer   consumer  `json:"consumer"`
	MFAMethods *[]string `json:"mfaMethods,omitempty"`
}

// userConsumer describes u, scoped to ws when non-nil.
func userConsumer(u user, ws *workspace) consumer {
	c := consumer{Type: "USER", Name: u.username, ID: u.id, Authorities: []string{}, Roles: "-2"}
	if ws != nil {
		id := ws.id
		c.BusinessProfileID = &id
		c.Authorities = append([]string{}, u.authorities...)
		c.Roles = u.roles
	}
	return c
}

// mintUser mints a user token for u; pending marks it pre-MFA.
func (s *Service) mintUser(u user, pending bool, ws *workspace) (string, error) {
	c := claims{Nme: u.username, Rlm: realmUser, UUID: u.uuid, UserID: u.id, MFAPending: pending}
	if ws != nil {
		c.WorkspaceID, c.BusinessID = ws.guid, ws.id
	}
	return s.mint(c)
}

// handleUserLogin serves POST /uauth/auth/login/user.
func (s *Service) handleUserLogin(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Username string `json:"username"`
		Password string `json:"password"`
		DeviceID string `json:"deviceId"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if body.Username == "" || body.Password == "" {
		fail(w, r, http.StatusBadRequest, "username and password are required")
		return
	}
	u, ok := s.dir.findUser(body.Username)
	if !ok || subtle.ConstantTimeCompare([]byte(u.password), []byte(body.Password)) != 1 {
		fail(w, r, http.StatusUnauthorized, "Bad credentials")
		return
	}
	methods := []string{}
	if u.totpSecret != "" {
		methods = append(methods, mfaTOTP)
	}
	token, err := s.mintUser(u, u.totpSecret != "", nil)
	if err != nil {
		fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	httpjson.Write(w, http.StatusOK, userLoginResponse{Token: token, Consumer: userConsumer(u, nil), MFAMethods: &methods})
}

// handleSelectWorkspace serves POST
// /uauth/auth/login/user/profile/{businessProfileUUID}.
func (s *Service) handleSelectWorkspace(w http.ResponseWriter, r *http.Request) {
	c, ok := s.authenticate(w, r, kindUser, kindUserWorkspace)
	if !ok {
		return
	}
	u, found := s.dir.userByID(c.UserID)
	guid := r.PathValue("businessProfileUUID")
	ws, wsFound := s.dir.findWorkspace(guid)
	if !found || !wsFound || !u.canAccess(ws.guid) {
		fail(w, r, http.StatusNotFound, "Workspace "+guid+" not found")
		return
	}
	token, err := s.mintUser(u, false, &ws)
	if err != nil {
		fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	httpjson.Write(w, http.StatusOK, userLoginResponse{Token: token, Consumer: userConsumer(u, &ws)})
}
