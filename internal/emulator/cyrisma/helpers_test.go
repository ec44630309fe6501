package cyrisma

import (
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

// harness is a running emulator with a controllable clock.
type harness struct {
	t   *testing.T
	svc *Service
	srv *httptest.Server
	mu  sync.Mutex
	now time.Time
}

// newHarness starts the service on a fresh mux.
func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	h := &harness{t: t, now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	h.svc = New(opts)
	h.svc.setClock(h.clock)
	mux := http.NewServeMux()
	h.svc.Register(mux)
	h.srv = httptest.NewServer(mux)
	t.Cleanup(h.srv.Close)
	return h
}

// clock is the harness time source.
func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

// advance moves the clock forward.
func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now = h.now.Add(d)
}

// do sends a form request and returns the status and raw body.
func (h *harness) do(method, path, token string, form url.Values) (int, []byte) {
	h.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, h.srv.URL+"/app"+path, body)
	if err != nil {
		h.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.Header.Set("Authorization", "access_token "+token)
	}
	return send(h.t, req)
}

// send performs req and reads the whole body.
func send(t *testing.T, req *http.Request) (int, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// decode unmarshals b into v or fails the test.
func decode(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %q: %v", b, err)
	}
}

// expectError checks status and the ErrorJson code.
func expectError(t *testing.T, status int, body []byte, wantStatus int, wantCode string) {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("status = %d, want %d (body %s)", status, wantStatus, body)
	}
	var e map[string]any
	decode(t, body, &e)
	if e["error"] != wantCode {
		t.Fatalf("error = %v, want %s (body %s)", e["error"], wantCode, body)
	}
	if d, _ := e["error_description"].(string); d == "" || len(e) != 2 {
		t.Fatalf("bad error body %s", body)
	}
}

// login performs a password login and returns the response.
func (h *harness) login() loginResponse {
	h.t.Helper()
	status, b := h.do("POST", "/partner/login", "", url.Values{
		"grant_type": {"password"}, "username": {DemoAPIKey}, "password": {DemoAPISecret},
	})
	if status != http.StatusOK {
		h.t.Fatalf("login: %d %s", status, b)
	}
	var lr loginResponse
	decode(h.t, b, &lr)
	return lr
}

// token returns a fresh access token.
func (h *harness) token() string { return h.login().AccessToken }

// instances fetches a GET instances path.
func (h *harness) instances(tok, path string) []instanceJSON {
	h.t.Helper()
	status, b := h.do("GET", path, tok, nil)
	if status != http.StatusOK {
		h.t.Fatalf("GET %s: %d %s", path, status, b)
	}
	var out []instanceJSON
	decode(h.t, b, &out)
	return out
}

// create provisions an instance and returns its id.
func (h *harness) create(tok string, fields map[string]string) string {
	h.t.Helper()
	status, b := h.do("POST", "/partner/instances/create", tok, createForm(fields))
	if status != http.StatusOK {
		h.t.Fatalf("create: %d %s", status, b)
	}
	var out map[string]string
	decode(h.t, b, &out)
	if out["instance_id"] == "" || len(out["agent_key"]) != 32 {
		h.t.Fatalf("create body %s", b)
	}
	return out["instance_id"]
}

// createForm returns a valid standard-instance form with overrides applied
// (an empty override value deletes the field).
func createForm(over map[string]string) url.Values {
	v := url.Values{
		"instance_type": {"standard"}, "is_consulting": {"false"},
		"parent_instance_id": {RootInstance}, "name": {"Acme Corp"},
		"short_name": {"Acme"}, "country": {"US"}, "email": {"it@acme.example"},
	}
	for k, val := range over {
		if val == "" {
			v.Del(k)
		} else {
			v.Set(k, val)
		}
	}
	return v
}
