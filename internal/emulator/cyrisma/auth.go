package cyrisma

import (
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// loginResponse is the documented AuthenticationJson body.
type loginResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	ClientID     string `json:"client_id"`
}

// expiresIn renders ttl in whole seconds, rounded up, at least 1.
func expiresIn(ttl time.Duration) int {
	secs := int(math.Ceil(ttl.Seconds()))
	if secs < 1 {
		secs = 1
	}
	return secs
}

// handleLogin serves POST /partner/login (password and refresh_token grants).
func (s *Service) handleLogin(w http.ResponseWriter, r *http.Request) {
	f, ok := readForm(w, r)
	if !ok {
		return
	}
	now, ttl := s.clock(), s.tokenTTL()
	grant := f.get("grant_type", "GrantType")
	switch grant {
	case "":
		badRequest(w, "grant_type", "is required")
	case "password":
		username := f.get("username", "Username")
		password := f.get("password", "Password")
		if username == "" || password == "" {
			badRequest(w, "username/password", "are required")
			return
		}
		if !s.auth.checkCredentials(username, password) {
			writeError(w, http.StatusBadRequest, errInvalidGrant, "invalid API key or secret")
			return
		}
		access, refresh := s.auth.issuePair(now, ttl)
		s.secrets.Add(access, refresh)
		s.tokensMinted.Add(1)
		httpjson.Write(w, http.StatusOK, loginResponse{access, "access", expiresIn(ttl), refresh, ""})
	case "refresh_token":
		rt := f.get("refresh_token", "RefreshToken")
		if rt == "" {
			badRequest(w, "refresh_token", "is required")
			return
		}
		access, valid := s.auth.refreshAccess(now, ttl, rt)
		if !valid {
			writeError(w, http.StatusBadRequest, errInvalidGrant, "unknown or expired refresh token")
			return
		}
		s.secrets.Add(access)
		s.tokensMinted.Add(1)
		httpjson.Write(w, http.StatusOK, loginResponse{access, "access", expiresIn(ttl), rt, ""})
	default:
		writeError(w, http.StatusBadRequest, errUnsupportedGrantType, "grant_type "+grant+" is not supported")
	}
}

// handleRegenPass serves POST /partner/login/regen-pass.
func (s *Service) handleRegenPass(w http.ResponseWriter, r *http.Request) {
	f, ok := readForm(w, r)
	if !ok {
		return
	}
	username := f.get("username", "Username")
	password := f.get("password", "Password")
	if username == "" || password == "" {
		badRequest(w, "username/password", "are required")
		return
	}
	if !s.auth.checkCredentials(username, password) {
		writeError(w, http.StatusBadRequest, errInvalidGrant, "invalid API key or secret")
		return
	}
	secret := s.auth.rotateSecret()
	s.secrets.Add(secret)
	httpjson.Write(w, http.StatusOK, map[string]string{"success": "1", "message": "", "newPass": secret})
}

// authed wraps next so that it only runs with a valid
// "Authorization: access_token <token>" header; otherwise it answers 401.
func (s *Service) authed(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h := strings.TrimSpace(r.Header.Get("Authorization"))
		if h == "" {
			writeError(w, http.StatusUnauthorized, errInvalidToken, "missing Authorization header")
			return
		}
		scheme, token, found := strings.Cut(h, " ")
		token = strings.TrimSpace(token)
		if !found || !strings.EqualFold(scheme, "access_token") || token == "" {
			writeError(w, http.StatusUnauthorized, errInvalidToken, "Authorization header must be \"access_token <token>\"")
			return
		}
		if !s.auth.validAccess(s.clock(), token) {
			writeError(w, http.StatusUnauthorized, errInvalidToken, "access token is invalid or expired")
			return
		}
		next(w, r)
	}
}
