package synerise

import (
	"net/http"
	"slices"
	"testing"
)

const ipPolicyRoute = "/uauth/settings/user-bp-ip-policy"

// getPolicy reads the IP policy with tok.
func (h *harness) getPolicy(tok string) ipPolicy {
	h.t.Helper()
	status, b := h.do("GET", ipPolicyRoute, tok, nil)
	if status != http.StatusOK {
		h.t.Fatalf("get policy: %d %s", status, b)
	}
	var out ipPolicy
	decode(h.t, b, &out)
	return out
}

// selectedToken logs the user without MFA in and selects guid.
func (h *harness) selectedToken(guid string) string {
	h.t.Helper()
	login := h.userLogin(NoMFAUsername, NoMFAPassword)
	status, b := h.do("POST", selectPath(guid), login.Token, nil)
	if status != http.StatusOK {
		h.t.Fatalf("select: %d %s", status, b)
	}
	return tokenOf(h.t, b)
}

func TestIPPolicyDefaultAndReplace(t *testing.T) {
	h := newHarness(t, Options{})
	key := h.apiKeyToken("/uauth/v2/auth/login/profile")
	status, b := h.do("GET", ipPolicyRoute, key, nil)
	if status != http.StatusOK || string(b) != `{"enabled":false,"enableSupportSubnets":false,"ipPolicy":[]}`+"\n" {
		t.Fatalf("default policy: %d %q", status, b)
	}
	want := ipPolicy{Enabled: true, EnableSupportSubnets: true, IPPolicy: []string{"203.0.113.7", "10.0.0.0/8", "2001:db8::/32"}}
	status, b = h.do("POST", ipPolicyRoute, key, want)
	var got ipPolicy
	decode(t, b, &got)
	if status != http.StatusOK || !got.Enabled || !got.EnableSupportSubnets || !slices.Equal(got.IPPolicy, want.IPPolicy) {
		t.Fatalf("POST answer: %d %s", status, b)
	}
	if got := h.getPolicy(key); !got.Enabled || !slices.Equal(got.IPPolicy, want.IPPolicy) {
		t.Fatalf("GET after POST: %+v", got)
	}
	if cur := h.current(key); cur.Data.IPRestriction != "ON" {
		t.Fatalf("current after enabling: %+v", cur.Data)
	}
	// POST replaces the whole policy: missing fields take their defaults.
	status, b = h.do("POST", ipPolicyRoute, key, map[string]any{"enabled": false})
	if status != http.StatusOK || string(b) != `{"enabled":false,"enableSupportSubnets":false,"ipPolicy":[]}`+"\n" {
		t.Fatalf("partial POST: %d %s", status, b)
	}
	if cur := h.current(key); cur.Data.IPRestriction != "OFF" {
		t.Fatalf("current after disabling: %+v", cur.Data)
	}
}

func TestIPPolicyValidation(t *testing.T) {
	h := newHarness(t, Options{})
	key := h.apiKeyToken("/uauth/v2/auth/login/profile")
	status, b := h.do("POST", ipPolicyRoute, key, map[string]any{
		"enabled": true, "ipPolicy": []string{"10.0.0.1", "10.0.0.0/33", "not-an-ip", "fe80::1%eth0", ""},
	})
	if status != http.StatusBadRequest {
		t.Fatalf("status %d %s", status, b)
	}
	var e validationErrorBody
	decode(t, b, &e)
	if e.Status != 400 || e.Error != "Bad Request" || e.Path != ipPolicyRoute || e.Message == "" || e.Timestamp == "" || len(e.Errors) != 4 {
		t.Fatalf("error body %s", b)
	}
	for i, rejected := range []string{"10.0.0.0/33", "not-an-ip", "fe80::1%eth0", ""} {
		if fe := e.Errors[i]; fe.Field != "ipPolicy" || fe.RejectedValue != rejected || fe.Message == "" {
			t.Fatalf("errors[%d] = %+v", i, fe)
		}
	}
	if got := h.getPolicy(key); got.Enabled || len(got.IPPolicy) != 0 {
		t.Fatalf("a refused POST changed the policy: %+v", got)
	}
	status, b = h.do("POST", ipPolicyRoute, key, map[string]any{"enabled": "yes"})
	expectError(t, status, b, http.StatusBadRequest, ipPolicyRoute)
	status, b = h.do("POST", ipPolicyRoute, key, nil)
	expectError(t, status, b, http.StatusBadRequest, ipPolicyRoute)
}

func TestIPPolicyTokenScopes(t *testing.T) {
	h := newHarness(t, Options{})
	status, b := h.do("GET", ipPolicyRoute, "", nil)
	expectError(t, status, b, http.StatusUnauthorized, ipPolicyRoute)

	// A user token before MFA, and one without a selected workspace: 403.
	pre := h.userLogin(MFAUsername, MFAPassword).Token
	unselected := h.userLogin(NoMFAUsername, NoMFAPassword).Token
	for name, tok := range map[string]string{"pre-MFA": pre, "no workspace": unselected} {
		for _, method := range []string{"GET", "POST"} {
			status, b := h.do(method, ipPolicyRoute, tok, ipPolicy{IPPolicy: []string{}})
			if status != http.StatusForbidden {
				t.Fatalf("%s %s: %d %s", name, method, status, b)
			}
			expectError(t, status, b, http.StatusForbidden, ipPolicyRoute)
		}
	}

	// A workspace-scoped user token shares the policy of the API key's
	// workspace; the second workspace has its own.
	key := h.apiKeyToken("/uauth/v2/auth/login/profile")
	first, second := h.selectedToken(WorkspaceUUID), h.selectedToken(SecondWorkspace)
	status, b = h.do("POST", ipPolicyRoute, first, ipPolicy{Enabled: true, IPPolicy: []string{"192.0.2.0/24"}})
	if status != http.StatusOK {
		t.Fatalf("user POST: %d %s", status, b)
	}
	if got := h.getPolicy(key); !got.Enabled || !slices.Equal(got.IPPolicy, []string{"192.0.2.0/24"}) {
		t.Fatalf("API key sees %+v", got)
	}
	if got := h.getPolicy(second); got.Enabled || len(got.IPPolicy) != 0 {
		t.Fatalf("second workspace sees %+v", got)
	}
	status, b = h.do("GET", "/uauth/business-profile/", unselected, nil)
	var list []workspaceItem
	decode(t, b, &list)
	if status != http.StatusOK || len(list) != 2 || !list[0].IPRestricted || list[1].IPRestricted {
		t.Fatalf("list after enabling the first workspace's policy: %d %s", status, b)
	}
}
