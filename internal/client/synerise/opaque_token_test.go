package synerise

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// unreadableTokens make tokens whose claims the client cannot read: an
// opaque string, a JWE (encrypted JWT, five parts), a JWT whose payload is
// encrypted bytes, and a readable JWT without exp.
var unreadableTokens = map[string]func() string{
	"opaque": func() string { return "opaque-" + opaqueHex(16) },
	"jwe": func() string {
		header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RSA-OAEP-256","enc":"A256GCM"}`))
		return strings.Join([]string{header, opaqueB64(256), opaqueB64(12), opaqueB64(300), opaqueB64(16)}, ".")
	},
	"encrypted payload": func() string {
		header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS512","typ":"JWT"}`))
		return header + "." + opaqueB64(180) + "." + opaqueB64(256)
	},
	"no exp claim": func() string {
		header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS512","typ":"JWT"}`))
		return header + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"nme":"ws","rlm":"workspace"}`)) + "." + opaqueB64(256)
	},
}

func opaqueHex(n int) string { b := make([]byte, n); _, _ = rand.Read(b); return hex.EncodeToString(b) }
func opaqueB64(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// opaqueAPI is a Synerise stand-in issuing unreadable tokens. It accepts
// each kind of token only where the real API does, and can revoke every
// issued token to provoke a 401.
type opaqueAPI struct {
	mint   func() string
	mu     sync.Mutex
	scope  map[string]string // token → "pre-mfa", "user" or "workspace"
	routes map[string]int
}

func startOpaqueAPI(t *testing.T, mint func() string) (*opaqueAPI, string) {
	f := &opaqueAPI{mint: mint, scope: map[string]string{}, routes: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /uauth/v2/auth/login/profile", f.issue(routeAPIKeyLogin, "", "workspace", nil))
	mux.HandleFunc("GET /v4/auth/refresh/profile", f.issue(routeRefresh, "workspace", "workspace", nil))
	mux.HandleFunc("POST /uauth/auth/login/user", f.issue(routeUserLogin, "", "pre-mfa", []string{MFATOTPAuthenticator}))
	mux.HandleFunc("POST /uauth/auth/login/user/mfa/verification", f.issue(routeMFA, "pre-mfa", "user", nil))
	mux.HandleFunc("POST /uauth/auth/login/user/profile/{uuid}", f.issue(routeSelect, "user", "workspace", nil))
	mux.HandleFunc("GET /uauth/business-profile/current", func(w http.ResponseWriter, r *http.Request) {
		if f.check(w, r, "GET /uauth/business-profile/current", "workspace") {
			opaqueJSON(w, http.StatusOK, map[string]any{"selected": true, "data": map[string]any{"businessProfileGuid": "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c", "id": 1}})
		}
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return f, ts.URL
}

// issue answers a login step: the bearer must have scope need ("" for
// none), and a new token of scope gives is returned.
func (f *opaqueAPI) issue(route, need, gives string, mfa []string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !f.check(w, r, route, need) {
			return
		}
		f.mu.Lock()
		token := f.mint()
		f.scope[token] = gives
		f.mu.Unlock()
		opaqueJSON(w, http.StatusOK, map[string]any{"token": token, "mfaMethods": mfa})
	}
}

// check counts route and verifies the bearer token's scope, answering 401 otherwise.
func (f *opaqueAPI) check(w http.ResponseWriter, r *http.Request, route, need string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[route]++
	if need == "" || f.scope[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")] == need {
		return true
	}
	opaqueJSON(w, http.StatusUnauthorized, map[string]any{"timestamp": time.Now().UTC().Format(time.RFC3339), "status": 401,
		"error": "Unauthorized", "message": "JWT token is invalid", "path": r.URL.Path})
	return false
}

// revoke forgets every issued token, as an expiry the client did not see coming would.
func (f *opaqueAPI) revoke() { f.mu.Lock(); defer f.mu.Unlock(); f.scope = map[string]string{} }

func (f *opaqueAPI) count(route string) int { f.mu.Lock(); defer f.mu.Unlock(); return f.routes[route] }

func opaqueJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// TestUnreadableTokens runs both modes against tokens whose claims cannot be
// read: the client reuses the token (assuming the fallback lifetime rather
// than logging in at every call), hands it over with an unknown expiry, and
// on a 401 logs in again once (the full user chain in the user mode).
func TestUnreadableTokens(t *testing.T) {
	t.Parallel()
	for name, mint := range unreadableTokens {
		for _, mode := range []string{"api key", "user with MFA"} {
			t.Run(name+"/"+mode, func(t *testing.T) {
				t.Parallel()
				fake, url := startOpaqueAPI(t, mint)
				cfg := Config{APIURL: url, APIKey: "3d9f6b2e-1c4a-4e8b-a5f7-0b2c4d6e8f10"}
				logins := []string{routeAPIKeyLogin}
				if mode != "api key" {
					cfg = Config{APIURL: url, Username: "u@example.com", Password: "p", WorkspaceUUID: "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c", MFATOTPSecret: "JBSWY3DPEHPK3PXP"}
					logins = []string{routeUserLogin, routeMFA, routeSelect}
				}
				c := newClient(cfg)
				ctx := context.Background()
				for range 5 {
					if _, err := c.GetCurrentWorkspace(ctx); err != nil {
						t.Fatalf("GetCurrentWorkspace: %v", err)
					}
				}
				token, expiry, err := c.WorkspaceToken(ctx)
				if err != nil || token == "" || !expiry.IsZero() {
					t.Fatalf("WorkspaceToken = %q, %v, %v; want the token with an unknown (zero) expiry", token, expiry, err)
				}
				fake.revoke()
				if _, err := c.GetCurrentWorkspace(ctx); err != nil {
					t.Fatalf("GetCurrentWorkspace after the token was revoked: %v", err)
				}
				for _, route := range logins {
					if got := fake.count(route); got != 2 {
						t.Errorf("%s: %d requests, want 2 (one login, one after the 401)", route, got)
					}
				}
				if fake.count(routeRefresh) != 0 || c.Logins() != 2 {
					t.Errorf("refreshes %d, logins %d: want no refresh (the 401 dropped the token) and 2 logins", fake.count(routeRefresh), c.Logins())
				}
				if again, _, err := c.WorkspaceToken(ctx); err != nil || again == token {
					t.Errorf("WorkspaceToken after the re-login = %v: want the new token", err)
				}
			})
		}
	}
}
