package acctest

import (
	"encoding/json"
	"net/http"
	"testing"
)

// Synerise sends a request to the emulated Synerise API with a fresh
// workspace token from the API key (POST /uauth/v2/auth/login/profile), as a
// script using the key would. body, when not nil, is sent as JSON.
func (e *Env) Synerise(t *testing.T, method, path string, body any) (int, []byte) {
	t.Helper()
	base := e.Vars["SYNERISE_API_URL"]
	login, _ := json.Marshal(map[string]string{"apiKey": e.Vars["SYNERISE_API_KEY"]})
	status, answer := call(t, http.MethodPost, base+"/uauth/v2/auth/login/profile", "application/json", string(login), nil)
	if status != http.StatusOK {
		t.Fatalf("Synerise login: %d %s", status, answer)
	}
	var tok struct {
		Token string `json:"token"`
	}
	decodeInto(t, answer, &tok)
	contentType, encoded := "", []byte(nil)
	if body != nil {
		var err error
		if encoded, err = json.Marshal(body); err != nil {
			t.Fatalf("encoding the Synerise request body: %v", err)
		}
		contentType = "application/json"
	}
	return call(t, method, base+path, contentType, string(encoded), map[string]string{"Authorization": "Bearer " + tok.Token})
}
