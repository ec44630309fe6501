package synerise

import (
	"slices"
	"testing"
)

func TestIssuedSecretsRecordsEveryToken(t *testing.T) {
	h := newHarness(t, Options{})
	pre := h.userLogin(MFAUsername, MFAPassword).Token
	full := h.mfaToken()
	ws := h.apiKeyToken("/v4/auth/login/profile")
	got := h.svc.IssuedSecrets()
	for name, v := range map[string]string{"pre-MFA token": pre, "user token": full, "workspace token": ws,
		"API key": DemoAPIKey, "password": NoMFAPassword, "TOTP secret": MFATOTPSecret} {
		if !slices.Contains(got, v) {
			t.Errorf("%s missing from IssuedSecrets", name)
		}
	}
}

func TestStateShowsTheIPAllowlist(t *testing.T) {
	h := newHarness(t, Options{})
	h.svc.ipPolicies.set(SecondWorkspace, ipPolicy{Enabled: true, IPPolicy: []string{"192.0.2.0/24"}})
	st := h.svc.State()
	if len(st.Workspaces) != 2 || len(st.Users) != 2 || len(st.APIKeys) != 1 || len(st.APIKeys[0].Permissions) == 0 {
		t.Fatalf("state = %+v", st)
	}
	for _, ws := range st.Workspaces {
		want := ws.UUID == SecondWorkspace
		if ws.IPAllowlist.Enabled != want || (want && !slices.Equal(ws.IPAllowlist.IPPolicy, []string{"192.0.2.0/24"})) ||
			ws.IPAllowlist.IPPolicy == nil {
			t.Errorf("workspace %s: %+v", ws.UUID, ws.IPAllowlist)
		}
	}
}
