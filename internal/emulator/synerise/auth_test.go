package synerise

import (
	"crypto"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAPIKeyLogin(t *testing.T) {
	h := newHarness(t, Options{})
	for _, path := range []string{"/uauth/v2/auth/login/profile", "/v4/auth/login/profile"} {
		t.Run(path, func(t *testing.T) {
			tok := h.apiKeyToken(path)
			status, b := h.do("GET", "/uauth/business-profile/current", tok, nil)
			var cur currentResponse
			decode(t, b, &cur)
			if status != 200 || !cur.Selected || cur.Data.BusinessProfileGUID != WorkspaceUUID {
				t.Fatalf("current: %d %s", status, b)
			}
			status, b = h.do("POST", path, "", map[string]string{"apiKey": "00000000-0000-4000-8000-000000000000"})
			expectError(t, status, b, 401, path)
			status, b = h.do("POST", path, "", map[string]string{})
			expectError(t, status, b, 400, path)
		})
	}
}

func TestJWTClaimsAndSignature(t *testing.T) {
	h := newHarness(t, Options{})
	tok := h.apiKeyToken("/uauth/v2/auth/login/profile")
	parts := strings.Split(tok, ".")
	hdr, _ := base64.RawURLEncoding.DecodeString(parts[0])
	if string(hdr) != `{"alg":"RS512","typ":"JWT"}` {
		t.Fatalf("header %s", hdr)
	}
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var c map[string]any
	decode(t, payload, &c)
	now := h.clock()
	if c["exp"] != float64(now.Add(time.Hour).Unix()) || c["ctd"] != float64(now.UnixMilli()) ||
		c["nme"] != "TenantOps Production" || c["rlm"] != "workspace" || c["uuid"] != DemoAPIKey {
		t.Fatalf("claims %s", payload)
	}
	sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
	sum := sha512.Sum512([]byte(parts[0] + "." + parts[1]))
	if err := rsaVerifyPKCS1(h.svc, crypto.SHA512, sum[:], sig); err != nil {
		t.Fatalf("signature: %v", err)
	}
	// A tampered payload is refused.
	forged, _ := json.Marshal(map[string]any{"exp": 9999999999, "rlm": "user", "uid": 10001})
	bad := parts[0] + "." + base64.RawURLEncoding.EncodeToString(forged) + "." + parts[2]
	status, b := h.do("GET", "/uauth/business-profile", bad, nil)
	expectError(t, status, b, 401, "/uauth/business-profile")
}

func TestWorkspaceRefresh(t *testing.T) {
	h := newHarness(t, Options{})
	tok := h.apiKeyToken("/v4/auth/login/profile")
	h.advance(30 * time.Minute)
	status, b := h.do("GET", "/v4/auth/refresh/profile", tok, nil)
	if status != 200 {
		t.Fatalf("%d %s", status, b)
	}
	fresh := tokenOf(t, b)
	if fresh == tok {
		t.Fatal("refresh returned the same token")
	}
	h.advance(45 * time.Minute) // old token expired, fresh one still valid
	status, b = h.do("GET", "/v4/auth/refresh/profile", tok, nil)
	expectError(t, status, b, 401, "/v4/auth/refresh/profile")
	if status, b = h.do("GET", "/uauth/business-profile/current", fresh, nil); status != 200 {
		t.Fatalf("fresh token: %d %s", status, b)
	}
	user := h.userLogin(NoMFAUsername, NoMFAPassword).Token
	status, b = h.do("GET", "/v4/auth/refresh/profile", user, nil)
	expectError(t, status, b, 403, "/v4/auth/refresh/profile")
}

func TestTokenExpiry(t *testing.T) {
	h := newHarness(t, Options{TokenTTL: func() time.Duration { return time.Second }})
	tok := h.apiKeyToken("/uauth/v2/auth/login/profile")
	if status, _ := h.do("GET", "/uauth/business-profile/current", tok, nil); status != 200 {
		t.Fatalf("fresh token refused: %d", status)
	}
	h.advance(time.Second)
	status, b := h.do("GET", "/uauth/business-profile/current", tok, nil)
	expectError(t, status, b, 401, "/uauth/business-profile/current")
}

func TestTokenExpiryRealClock(t *testing.T) {
	svc := New(Options{TokenTTL: func() time.Duration { return 10 * time.Millisecond }})
	mux := http.NewServeMux()
	svc.Register(mux)
	h := &harness{t: t, svc: svc}
	h.srv = newServer(t, mux)
	tok := h.apiKeyToken("/uauth/v2/auth/login/profile")
	time.Sleep(1100 * time.Millisecond) // exp is rounded up to the next second
	status, b := h.do("GET", "/uauth/business-profile/current", tok, nil)
	expectError(t, status, b, 401, "/uauth/business-profile/current")
}

func TestMissingOrBadAuthorization(t *testing.T) {
	h := newHarness(t, Options{})
	tok := h.apiKeyToken("/uauth/v2/auth/login/profile")
	for _, hdr := range []string{"", "Bearer", "Bearer nope", "Basic " + tok, "Bearer a.b.c"} {
		req, _ := http.NewRequest("GET", h.srv.URL+"/uauth/business-profile/current", nil)
		if hdr != "" {
			req.Header.Set("Authorization", hdr)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != 401 || e["status"] != float64(401) {
			t.Fatalf("%q: %d %v", hdr, resp.StatusCode, e)
		}
	}
}

func TestUserLoginErrors(t *testing.T) {
	h := newHarness(t, Options{})
	const path = "/uauth/auth/login/user"
	for _, tc := range []struct {
		name   string
		body   any
		status int
	}{
		{"wrong password", map[string]string{"username": MFAUsername, "password": "nope"}, 401},
		{"unknown user", map[string]string{"username": "who@x.example", "password": "nope"}, 401},
		{"missing password", map[string]string{"username": MFAUsername}, 400},
		{"not json", "just a string", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b := h.do("POST", path, "", tc.body)
			expectError(t, status, b, tc.status, path)
		})
	}
}

func TestEnvAndFixtures(t *testing.T) {
	s := New(Options{})
	env := s.Env("http://127.0.0.1:9")
	want := map[string]string{
		"SYNERISE_API_URL": "http://127.0.0.1:9", "SYNERISE_API_KEY": DemoAPIKey,
		"SYNERISE_USERNAME": MFAUsername, "SYNERISE_PASSWORD": MFAPassword,
		"SYNERISE_WORKSPACE_UUID": WorkspaceUUID, "SYNERISE_MFA_TOTP_SECRET": MFATOTPSecret,
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	if u, p := s.NoMFAUser(); u != NoMFAUsername || p != NoMFAPassword {
		t.Error("NoMFAUser")
	}
	if s.SecondWorkspaceUUID() != SecondWorkspace || SecondWorkspace == WorkspaceUUID {
		t.Error("SecondWorkspaceUUID")
	}
}
