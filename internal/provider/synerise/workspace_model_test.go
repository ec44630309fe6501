package synerise

import (
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/client/synerise"
)

// TestWorkspaceFromListAndCurrentAgree: one workspace read from the list
// (booleans) and as the current one (ON/OFF enums) gives the same model.
func TestWorkspaceFromListAndCurrentAgree(t *testing.T) {
	for _, tt := range []struct {
		ip, mfa         bool
		ipEnum, mfaEnum string
		wantIP, wantMFA bool
		name            string
	}{
		{false, false, "OFF", "OFF", false, false, "both off"},
		{true, false, "ON", "OFF", true, false, "ip on"},
		{false, true, "OFF", "ON", false, true, "mfa on"},
		{true, true, "on", "ENABLED", true, true, "any value but OFF is on"},
	} {
		listed := synerise.Workspace{GUID: "g", ID: 7, Name: "n", Logo: "l", Created: "2024-03-15T09:30:00Z", Subdomain: "s", IPRestricted: tt.ip, MFARequired: tt.mfa}
		current := &synerise.CurrentWorkspace{Selected: true, Data: &synerise.CurrentWorkspaceData{
			GUID: "g", ID: 7, Name: "n", Logo: "l", Created: "2024-03-15T09:30:00Z", Subdomain: "s", IPRestriction: tt.ipEnum, MFARestriction: tt.mfaEnum,
		}}
		a, b := workspaceFromList(listed), workspaceFromCurrent(current)
		if a != b {
			t.Errorf("%s: list %+v, current %+v", tt.name, a, b)
		}
		if b.IPRestricted.ValueBool() != tt.wantIP || b.MFARequired.ValueBool() != tt.wantMFA {
			t.Errorf("%s: current gives ip=%v mfa=%v", tt.name, b.IPRestricted, b.MFARequired)
		}
	}
	if restrictionOn("") {
		t.Error("an absent restriction must read as off")
	}
}
