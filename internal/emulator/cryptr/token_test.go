package cryptr

import (
	"bytes"
	"mime/multipart"
	"strings"
	"testing"
	"time"
)

func multipartBody(t *testing.T, fields map[string]string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	mw.Close()
	return mw.FormDataContentType(), buf.String()
}

func TestTokenEncodingsAndPaths(t *testing.T) {
	e := start(t, Options{}, nil)
	mpCT, mpBody := multipartBody(t, map[string]string{
		"client_id": sandboxClientID, "client_secret": sandboxClientSecret,
		"grant_type": "client_credentials", "tenant_domain": accountDomain})
	tests := []struct {
		name, path, ct, body, env string
	}{
		{"form tenant_domain", "/api/v2/oauth/token", formCT,
			"client_id=" + sandboxClientID + "&client_secret=" + sandboxClientSecret +
				"&grant_type=client_credentials&tenant_domain=" + accountDomain, "sandbox"},
		{"json domain", "/api/v2/oauth/token", "application/json",
			`{"client_id":"` + productionClientID + `","client_secret":"` + productionClientSecret +
				`","grant_type":"client_credentials","domain":"` + accountDomain + `"}`, "production"},
		{"alias form audience", "/oauth/token", formCT,
			"grant_type=client_credentials&client_id=" + sandboxClientID + "&client_secret=" +
				sandboxClientSecret + "&audience=" + accountDomain, "sandbox"},
		{"json without content type", "/oauth/token", "",
			`{"client_id":"` + sandboxClientID + `","client_secret":"` + sandboxClientSecret +
				`","grant_type":"client_credentials","tenant_domain":"` + accountDomain + `"}`, "sandbox"},
		{"multipart", "/api/v2/oauth/token", mpCT, mpBody, "sandbox"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do("POST", tc.path, tc.ct, tc.body, "")
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.raw)
			}
			if len(r.body) != 1 {
				t.Errorf("body has extra fields: %s", r.raw)
			}
			tok, _ := r.body["access_token"].(string)
			h, p := jwtParts(t, tok)
			wantIss := e.srv.URL + "/t/" + accountDomain
			if h["typ"] != "JWT" || h["alg"] != "HS256" || h["kid"] == "" || h["iss"] != wantIss {
				t.Errorf("header = %v", h)
			}
			if p["iss"] != wantIss || p["env"] != tc.env || p["org"] != accountDomain ||
				p["type"] != "api_v2" || p["jti"] == "" || p["cid"] == "" || p["sub"] == "" || p["scp"] == "" {
				t.Errorf("payload = %v", p)
			}
			if got := p["exp"].(float64) - p["iat"].(float64); got != 3600 {
				t.Errorf("exp - iat = %v, want 3600", got)
			}
			// The token works on an authenticated route.
			if r := e.do("GET", "/api/v2/organizations", "", "", tok); r.status != 200 {
				t.Errorf("list with token: %d %s", r.status, r.raw)
			}
		})
	}
}

func TestTokenErrors(t *testing.T) {
	e := start(t, Options{}, nil)
	good := "client_id=" + sandboxClientID + "&client_secret=" + sandboxClientSecret +
		"&grant_type=client_credentials&tenant_domain=" + accountDomain
	tests := []struct {
		name, ct, body string
		status         int
		typ            string
	}{
		{"wrong secret", formCT, strings.Replace(good, sandboxClientSecret, "nope", 1), 401, "invalid_client"},
		{"unknown client", formCT, strings.Replace(good, sandboxClientID, "keysandbox_x", 1), 401, "invalid_client"},
		{"mixed keys", formCT, strings.Replace(good, sandboxClientSecret, productionClientSecret, 1), 401, "invalid_client"},
		{"wrong tenant", formCT, strings.Replace(good, "tenant_domain="+accountDomain, "tenant_domain=other", 1), 401, "invalid_client"},
		{"missing secret", formCT, strings.Replace(good, "client_secret=", "x=", 1), 400, "invalid_request"},
		{"missing tenant", formCT, strings.Replace(good, "&tenant_domain="+accountDomain, "", 1), 400, "invalid_request"},
		{"bad grant", formCT, strings.Replace(good, "client_credentials", "password", 1), 400, "unsupported_grant_type"},
		{"malformed json", "application/json", `{"client_id":`, 400, "invalid_request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do("POST", "/api/v2/oauth/token", tc.ct, tc.body, "")
			if r.status != tc.status || errType(r) != tc.typ {
				t.Fatalf("got %d %s, want %d %s", r.status, r.raw, tc.status, tc.typ)
			}
			if _, ok := r.body["error"].(map[string]any)["doc_urls"].([]any); !ok {
				t.Errorf("doc_urls missing: %s", r.raw)
			}
		})
	}
}

func TestTokenTTLAndExpiry(t *testing.T) {
	clk := &fakeClock{t: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
	ttl := 30 * time.Second
	e := start(t, Options{TokenTTL: func() time.Duration { return ttl }}, clk)
	tok := e.token()
	_, p := jwtParts(t, tok)
	if p["iat"].(float64) != float64(clk.Now().Unix()) || p["exp"].(float64)-p["iat"].(float64) != 30 {
		t.Fatalf("iat/exp = %v/%v", p["iat"], p["exp"])
	}
	clk.Advance(29 * time.Second)
	if r := e.do("GET", "/api/v2/organizations", "", "", tok); r.status != 200 {
		t.Fatalf("before exp: %d %s", r.status, r.raw)
	}
	clk.Advance(time.Second)
	if r := e.do("GET", "/api/v2/organizations", "", "", tok); r.status != 401 || errType(r) != "unauthorized" {
		t.Fatalf("at exp: %d %s", r.status, r.raw)
	}
	// A TTL of 0 falls back to the default.
	ttl = 0
	_, p = jwtParts(t, e.token())
	if p["exp"].(float64)-p["iat"].(float64) != 3600 {
		t.Fatalf("default ttl: exp-iat = %v", p["exp"].(float64)-p["iat"].(float64))
	}
}

func TestAuthRequired(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	other := start(t, Options{}, nil).token() // signed with another key
	tampered := tok[:len(tok)-2] + "AA"
	if strings.HasSuffix(tok, "AA") {
		tampered = tok[:len(tok)-2] + "BB"
	}
	for name, auth := range map[string]string{
		"none": "", "basic": "Basic abc", "garbage": "Bearer abc",
		"tampered": "Bearer " + tampered, "foreign": "Bearer " + other,
	} {
		t.Run(name, func(t *testing.T) {
			for _, path := range []string{"/api/v2/organizations", "/api/v2/organizations/x"} {
				r := e.do("GET", path, "", "", "")
				if auth != "" {
					r = e.doAuth("GET", path, auth)
				}
				if r.status != 401 || errType(r) != "unauthorized" {
					t.Errorf("%s: %d %s", path, r.status, r.raw)
				}
			}
		})
	}
}
