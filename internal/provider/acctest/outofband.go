package acctest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// call sends one raw HTTP request and returns the status and body.
func call(t *testing.T, method, rawURL, contentType, body string, header map[string]string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, strings.NewReader(body))
	if err != nil {
		t.Fatalf("building %s %s: %v", method, rawURL, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, rawURL, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func decodeInto(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
}

// login posts a form to a token endpoint and returns its access_token.
func login(t *testing.T, what, tokenURL string, form url.Values) string {
	t.Helper()
	status, body := call(t, http.MethodPost, tokenURL, "application/x-www-form-urlencoded", form.Encode(), nil)
	if status != http.StatusOK {
		t.Fatalf("%s login: %d %s", what, status, body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	decodeInto(t, body, &tok)
	return tok.AccessToken
}

// Cryptr sends a request to the emulated Cryptr API with a fresh token, as
// the console would. form may be nil.
func (e *Env) Cryptr(t *testing.T, method, path string, form url.Values) (int, []byte) {
	t.Helper()
	base := e.Vars["CRYPTR_SERVICE_URL"]
	token := login(t, "Cryptr", base+"/api/v2/oauth/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {e.Vars["CRYPTR_CLIENT_ID"]},
		"client_secret": {e.Vars["CRYPTR_CLIENT_SECRET"]}, "tenant_domain": {e.Vars["CRYPTR_ACCOUNT_DOMAIN"]},
	})
	return call(t, method, base+path, "application/x-www-form-urlencoded", form.Encode(), map[string]string{"Authorization": "Bearer " + token})
}

// Cyrisma sends a request to the emulated Cyrisma API with a fresh token.
func (e *Env) Cyrisma(t *testing.T, method, path string, form url.Values) (int, []byte) {
	t.Helper()
	base := e.Vars["CYRISMA_API_URL"]
	token := login(t, "Cyrisma", base+"/partner/login", url.Values{
		"grant_type": {"password"}, "username": {e.Vars["CYRISMA_API_KEY"]}, "password": {e.Vars["CYRISMA_API_SECRET"]},
	})
	return call(t, method, base+path, "application/x-www-form-urlencoded", form.Encode(), map[string]string{"Authorization": "access_token " + token})
}

// MustStatus fails the test unless status is want.
func MustStatus(t *testing.T, what string, status int, body []byte, want int) {
	t.Helper()
	if status != want {
		t.Fatalf("%s: got %d %s, want %d", what, status, body, want)
	}
}

// JSON decodes body into a generic value for assertions.
func JSON(t *testing.T, body []byte) any {
	t.Helper()
	var v any
	decodeInto(t, body, &v)
	return v
}
