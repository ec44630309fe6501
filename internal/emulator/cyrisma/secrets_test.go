package cyrisma

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
)

func TestIssuedSecretsRecordsEverySecretHandedOut(t *testing.T) {
	h := newHarness(t, Options{})
	lr := h.login()
	status, b := h.do("POST", "/partner/login", "", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {lr.RefreshToken}})
	if status != http.StatusOK {
		t.Fatalf("refresh: %d %s", status, b)
	}
	var refreshed loginResponse
	decode(t, b, &refreshed)
	status, b = h.do("POST", "/partner/login/regen-pass", "", url.Values{"username": {DemoAPIKey}, "password": {DemoAPISecret}})
	if status != http.StatusOK {
		t.Fatalf("regen-pass: %d %s", status, b)
	}
	var regen map[string]string
	decode(t, b, &regen)
	got := h.svc.IssuedSecrets()
	for name, v := range map[string]string{"access": lr.AccessToken, "refresh": lr.RefreshToken,
		"refreshed access": refreshed.AccessToken, "new secret": regen["newPass"], "old secret": DemoAPISecret,
		"api key": DemoAPIKey, "root agent key": rootAgentKey} {
		if !slices.Contains(got, v) {
			t.Errorf("%s missing from IssuedSecrets", name)
		}
	}
}
