package cyrisma

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

var tokenPattern = regexp.MustCompile(`^[A-Za-z0-9]{12}[0-9]{14}$`)

func TestLoginSuccess(t *testing.T) {
	h := newHarness(t, Options{})
	for _, tc := range []struct {
		name string
		path string
		form url.Values
	}{
		{"snake case", "/partner/login", url.Values{"grant_type": {"password"}, "username": {DemoAPIKey}, "password": {DemoAPISecret}}},
		{"trailing slash", "/partner/login/", url.Values{"grant_type": {"password"}, "username": {DemoAPIKey}, "password": {DemoAPISecret}}},
		{"pascal case", "/partner/login", url.Values{"GrantType": {"password"}, "Username": {DemoAPIKey}, "Password": {DemoAPISecret}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b := h.do("POST", tc.path, "", tc.form)
			if status != http.StatusOK {
				t.Fatalf("%d %s", status, b)
			}
			var lr loginResponse
			decode(t, b, &lr)
			if lr.TokenType != "access" || lr.ExpiresIn != 600 || lr.ClientID != "" {
				t.Fatalf("bad body %s", b)
			}
			if !tokenPattern.MatchString(lr.AccessToken) || !tokenPattern.MatchString(lr.RefreshToken) {
				t.Fatalf("token format %s", b)
			}
			if !strings.HasSuffix(lr.AccessToken, "20260102030405") || lr.AccessToken[12:] != lr.RefreshToken[12:] {
				t.Fatalf("timestamp suffix %s", b)
			}
		})
	}
}

func TestLoginErrors(t *testing.T) {
	h := newHarness(t, Options{})
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
		code   string
	}{
		{"bad secret", url.Values{"grant_type": {"password"}, "username": {DemoAPIKey}, "password": {"nope"}}, 400, errInvalidGrant},
		{"bad key", url.Values{"grant_type": {"password"}, "username": {"x"}, "password": {DemoAPISecret}}, 400, errInvalidGrant},
		{"missing password", url.Values{"grant_type": {"password"}, "username": {DemoAPIKey}}, 400, errInvalidRequest},
		{"missing grant", url.Values{"username": {DemoAPIKey}, "password": {DemoAPISecret}}, 400, errInvalidRequest},
		{"other grant", url.Values{"grant_type": {"client_credentials"}}, 400, errUnsupportedGrantType},
		{"bad refresh", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"nope"}}, 400, errInvalidGrant},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b := h.do("POST", "/partner/login", "", tc.form)
			expectError(t, status, b, tc.status, tc.code)
		})
	}
}

func TestJSONBodyRejected(t *testing.T) {
	h := newHarness(t, Options{})
	body := `{"grant_type":"password","username":"` + DemoAPIKey + `","password":"` + DemoAPISecret + `"}`
	for _, ct := range []string{"application/json", ""} {
		req, _ := http.NewRequest("POST", h.srv.URL+"/app/partner/login", strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		status, b := send(t, req)
		expectError(t, status, b, 400, errInvalidRequest)
	}
	tok := h.token()
	req, _ := http.NewRequest("PATCH", h.srv.URL+"/app/partner/instances/suspend", strings.NewReader(`{"instance_id":"x"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "access_token "+tok)
	status, b := send(t, req)
	expectError(t, status, b, 400, errInvalidRequest)
}

func TestRefreshGrant(t *testing.T) {
	h := newHarness(t, Options{})
	lr := h.login()
	h.advance(time.Second)
	status, b := h.do("POST", "/partner/login", "", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {lr.RefreshToken}})
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, b)
	}
	var r2 loginResponse
	decode(t, b, &r2)
	if r2.AccessToken == lr.AccessToken || r2.RefreshToken != lr.RefreshToken || r2.ExpiresIn != 600 {
		t.Fatalf("refresh body %s", b)
	}
	if s, _ := h.do("GET", "/partner/instances/info", r2.AccessToken, nil); s != 200 {
		t.Fatalf("new token rejected: %d", s)
	}
	h.advance(24 * time.Hour)
	status, b = h.do("POST", "/partner/login", "", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {lr.RefreshToken}})
	expectError(t, status, b, 400, errInvalidGrant)
}

func TestTokenExpiry(t *testing.T) {
	h := newHarness(t, Options{TokenTTL: func() time.Duration { return 50 * time.Millisecond }})
	lr := h.login()
	if lr.ExpiresIn != 1 {
		t.Fatalf("expires_in = %d", lr.ExpiresIn)
	}
	if s, b := h.do("GET", "/partner/instances/info", lr.AccessToken, nil); s != 200 {
		t.Fatalf("%d %s", s, b)
	}
	h.advance(50 * time.Millisecond)
	status, b := h.do("GET", "/partner/instances/info", lr.AccessToken, nil)
	expectError(t, status, b, 401, errInvalidToken)
}

func TestTokenTTLFromOptions(t *testing.T) {
	h := newHarness(t, Options{TokenTTL: func() time.Duration { return 0 }})
	if got := h.login().ExpiresIn; got != 600 {
		t.Fatalf("zero TTL → %d, want 600", got)
	}
	h2 := newHarness(t, Options{TokenTTL: func() time.Duration { return 30 * time.Second }})
	if got := h2.login().ExpiresIn; got != 30 {
		t.Fatalf("expires_in = %d, want 30", got)
	}
}

func TestAuthorizationHeader(t *testing.T) {
	h := newHarness(t, Options{})
	tok := h.token()
	for _, tc := range []struct {
		name, header string
		status       int
	}{
		{"missing", "", 401},
		{"bearer", "Bearer " + tok, 401},
		{"unknown token", "access_token nope", 401},
		{"no token", "access_token", 401},
		{"ok", "access_token " + tok, 200},
		{"ok case-insensitive", "Access_Token " + tok, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", h.srv.URL+"/app/partner/instances/info", nil)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			status, b := send(t, req)
			if tc.status == 401 {
				expectError(t, status, b, 401, errInvalidToken)
			} else if status != tc.status {
				t.Fatalf("%d %s", status, b)
			}
		})
	}
}

func TestRegenPass(t *testing.T) {
	h := newHarness(t, Options{})
	status, b := h.do("POST", "/partner/login/regen-pass", "", url.Values{"username": {DemoAPIKey}, "password": {"wrong"}})
	expectError(t, status, b, 400, errInvalidGrant)
	status, b = h.do("POST", "/partner/login/regen-pass", "", url.Values{"username": {DemoAPIKey}, "password": {DemoAPISecret}})
	if status != 200 {
		t.Fatalf("%d %s", status, b)
	}
	var out map[string]string
	decode(t, b, &out)
	if out["success"] != "1" || out["message"] != "" || len(out["newPass"]) != 43 {
		t.Fatalf("body %s", b)
	}
	status, b = h.do("POST", "/partner/login", "", url.Values{"grant_type": {"password"}, "username": {DemoAPIKey}, "password": {DemoAPISecret}})
	expectError(t, status, b, 400, errInvalidGrant)
	status, _ = h.do("POST", "/partner/login", "", url.Values{"grant_type": {"password"}, "username": {DemoAPIKey}, "password": {out["newPass"]}})
	if status != 200 {
		t.Fatalf("new secret rejected: %d", status)
	}
	if got := h.svc.Env("http://x")["CYRISMA_API_SECRET"]; got != out["newPass"] {
		t.Fatalf("Env secret = %q", got)
	}
}

func TestEnv(t *testing.T) {
	env := New(Options{}).Env("http://127.0.0.1:9")
	want := map[string]string{
		"CYRISMA_API_URL": "http://127.0.0.1:9/app", "CYRISMA_API_KEY": DemoAPIKey, "CYRISMA_API_SECRET": DemoAPISecret,
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	if len(env) != len(want) || len(DemoAPISecret) != 43 {
		t.Errorf("env %v", env)
	}
}
