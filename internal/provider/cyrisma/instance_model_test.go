package cyrisma

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
)

func TestApplyInstanceTenantID(t *testing.T) {
	tests := []struct {
		name     string
		reported string
		before   types.String
		want     types.String
	}{
		{"reported wins", "mdr-1", types.StringValue("configured"), types.StringValue("mdr-1")},
		{"reported on import", "mdr-1", types.StringNull(), types.StringValue("mdr-1")},
		{"not reported keeps the configured value", "", types.StringValue("configured"), types.StringValue("configured")},
		{"not reported and unset stays null", "", types.StringNull(), types.StringNull()},
		{"not reported after create with none planned", "", types.StringUnknown(), types.StringNull()},
	}
	for _, tt := range tests {
		m := instanceModel{TenantID: tt.before, Street: types.StringValue("1 Main Street")}
		m.applyInstance(&cyrisma.Instance{InstanceID: "i", TenantID: tt.reported})
		if !m.TenantID.Equal(tt.want) {
			t.Errorf("%s: tenant_id = %s, want %s", tt.name, m.TenantID, tt.want)
		}
		if m.Street.ValueString() != "1 Main Street" {
			t.Errorf("%s: the unreported street was overwritten: %s", tt.name, m.Street)
		}
	}
}

func TestCreateInputSendsCreateOnlyFields(t *testing.T) {
	m := instanceModel{
		InstanceType: types.StringValue("standard"), Managed: types.BoolValue(false), MFAMethod: types.StringValue("email"),
		TenantID: types.StringValue("mdr-1"), Street: types.StringValue("1 Main Street"), City: types.StringValue("Springfield"),
		State: types.StringValue("IL"), Postal: types.StringNull(),
	}
	in := m.createInput()
	if in.TenantID != "mdr-1" || in.Street != "1 Main Street" || in.City != "Springfield" || in.State != "IL" || in.Postal != "" {
		t.Errorf("create input: %+v", in)
	}
	if !in.IsConsulting || in.MFAType != cyrisma.MFAEmail {
		t.Errorf("create input: %+v", in)
	}
}

func TestReplacesOnCreateOnlyFields(t *testing.T) {
	state := instanceModel{City: types.StringValue("Springfield"), TenantID: types.StringValue("mdr-1")}
	tests := []struct {
		name string
		plan instanceModel
		want bool
	}{
		{"unchanged", instanceModel{City: types.StringValue("Springfield"), TenantID: types.StringValue("mdr-1")}, false},
		{"city changed", instanceModel{City: types.StringValue("Shelbyville"), TenantID: types.StringValue("mdr-1")}, true},
		{"city removed", instanceModel{City: types.StringNull(), TenantID: types.StringValue("mdr-1")}, true},
		{"tenant changed", instanceModel{City: types.StringValue("Springfield"), TenantID: types.StringValue("mdr-2")}, true},
		{"tenant unknown", instanceModel{City: types.StringValue("Springfield"), TenantID: types.StringUnknown()}, false},
		{"postal recorded after import", instanceModel{City: types.StringValue("Springfield"), TenantID: types.StringValue("mdr-1"), Postal: types.StringValue("62701")}, false},
	}
	for _, tt := range tests {
		if got := tt.plan.replaces(&state); got != tt.want {
			t.Errorf("%s: replaces = %t, want %t", tt.name, got, tt.want)
		}
	}
}
