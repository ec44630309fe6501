package cryptr

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock for expiry and provisioning tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a running test service.
type env struct {
	t   *testing.T
	svc *Service
	srv *httptest.Server
}

// start runs a Service on httptest; clk may be nil for the real clock.
func start(t *testing.T, opts Options, clk *fakeClock) *env {
	t.Helper()
	svc := New(opts)
	if clk != nil {
		svc.now = clk.Now
	}
	mux := http.NewServeMux()
	svc.Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &env{t: t, svc: svc, srv: srv}
}

// response is a decoded answer.
type response struct {
	status int
	body   map[string]any
	raw    string
}

// do sends a request with an optional body of the given content type and
// an optional bearer token, and decodes a JSON object answer.
func (e *env) do(method, path, contentType, body, token string) response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := response{status: res.StatusCode, raw: string(raw)}
	_ = json.Unmarshal(raw, &r.body)
	return r
}

const formCT = "application/x-www-form-urlencoded"

// form sends a form-urlencoded request with a token.
func (e *env) form(method, path, body, token string) response {
	e.t.Helper()
	return e.do(method, path, formCT, body, token)
}

// token obtains a sandbox token.
func (e *env) token() string {
	e.t.Helper()
	v := url.Values{"client_id": {sandboxClientID}, "client_secret": {sandboxClientSecret},
		"grant_type": {"client_credentials"}, "tenant_domain": {accountDomain}}
	r := e.form("POST", "/api/v2/oauth/token", v.Encode(), "")
	if r.status != 200 {
		e.t.Fatalf("token: %d %s", r.status, r.raw)
	}
	return r.body["access_token"].(string)
}

// jwtParts decodes a JWT's header and payload without verifying it.
func jwtParts(t *testing.T, tok string) (header, payload map[string]any) {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", tok)
	}
	for i, dst := range []*map[string]any{&header, &payload} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			t.Fatal(err)
		}
	}
	return header, payload
}

// errType returns error.type of an error envelope.
func errType(r response) string {
	e, _ := r.body["error"].(map[string]any)
	s, _ := e["type"].(string)
	return s
}

// details returns error.details[field] of a 422 envelope.
func details(r response, field string) []any {
	e, _ := r.body["error"].(map[string]any)
	d, _ := e["details"].(map[string]any)
	l, _ := d[field].([]any)
	return l
}

// doAuth sends a bodiless request with a raw Authorization header.
func (e *env) doAuth(method, path, auth string) response {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL+path, nil)
	req.Header.Set("Authorization", auth)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := response{status: res.StatusCode, raw: string(raw)}
	_ = json.Unmarshal(raw, &r.body)
	return r
}
