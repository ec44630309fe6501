package synerise

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
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

// do sends a request with an optional JSON body and bearer token.
func (h *harness) do(method, path, token string, body any) (int, []byte) {
	h.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, h.srv.URL+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, out
}

// decode unmarshals b into v or fails the test.
func decode(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %q: %v", b, err)
	}
}

// expectError checks the status and the full error body shape.
func expectError(t *testing.T, status int, body []byte, want int, path string) {
	t.Helper()
	if status != want {
		t.Fatalf("status = %d, want %d (body %s)", status, want, body)
	}
	var e map[string]any
	decode(t, body, &e)
	if len(e) != 5 || e["status"] != float64(want) || e["error"] != http.StatusText(want) || e["path"] != path {
		t.Fatalf("error body %s", body)
	}
	if msg, _ := e["message"].(string); msg == "" {
		t.Fatalf("empty message: %s", body)
	}
	if _, err := time.Parse(time.RFC3339, e["timestamp"].(string)); err != nil {
		t.Fatalf("timestamp: %v", err)
	}
}

// tokenOf extracts the "token" field of b.
func tokenOf(t *testing.T, b []byte) string {
	t.Helper()
	var out struct {
		Token string `json:"token"`
	}
	decode(t, b, &out)
	if out.Token == "" {
		t.Fatalf("no token in %s", b)
	}
	return out.Token
}

// userLogin logs username in and returns the decoded response.
func (h *harness) userLogin(username, password string) userLoginResponse {
	h.t.Helper()
	status, b := h.do("POST", "/uauth/auth/login/user", "", map[string]string{"username": username, "password": password})
	if status != http.StatusOK {
		h.t.Fatalf("login: %d %s", status, b)
	}
	var out userLoginResponse
	decode(h.t, b, &out)
	return out
}

// apiKeyToken logs in with the API key on path.
func (h *harness) apiKeyToken(path string) string {
	h.t.Helper()
	status, b := h.do("POST", path, "", map[string]string{"apiKey": DemoAPIKey})
	if status != http.StatusOK {
		h.t.Fatalf("api key login: %d %s", status, b)
	}
	return tokenOf(h.t, b)
}

// mfaToken logs the MFA user in and verifies the current TOTP code.
func (h *harness) mfaToken() string {
	h.t.Helper()
	pre := h.userLogin(MFAUsername, MFAPassword).Token
	code, err := totpCode(MFATOTPSecret, h.clock())
	if err != nil {
		h.t.Fatal(err)
	}
	status, b := h.do("POST", "/uauth/auth/login/user/mfa/verification?mfaType=TOTP_AUTHENTICATOR", pre,
		map[string]string{"verificationCode": code})
	if status != http.StatusOK {
		h.t.Fatalf("mfa: %d %s", status, b)
	}
	return tokenOf(h.t, b)
}

// newServer starts mux on an httptest server closed at cleanup.
func newServer(t *testing.T, mux *http.ServeMux) *httptest.Server {
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// rsaVerifyPKCS1 verifies sig over digest with the service's public key.
func rsaVerifyPKCS1(s *Service, hash crypto.Hash, digest, sig []byte) error {
	return rsa.VerifyPKCS1v15(&s.signer.key.PublicKey, hash, digest, sig)
}
