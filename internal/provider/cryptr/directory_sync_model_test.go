package cryptr

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
)

func TestDirSyncRotates(t *testing.T) {
	for _, tc := range []struct {
		plan, state types.String
		want        bool
	}{
		{types.StringNull(), types.StringNull(), false},
		{types.StringValue("a"), types.StringNull(), true},
		{types.StringValue("b"), types.StringValue("a"), true},
		{types.StringValue("a"), types.StringValue("a"), false},
		{types.StringNull(), types.StringValue("a"), false}, // removing it does not rotate
		{types.StringUnknown(), types.StringValue("a"), true},
	} {
		if got := dirSyncRotates(tc.plan, tc.state); got != tc.want {
			t.Errorf("dirSyncRotates(%v, %v) = %v, want %v", tc.plan, tc.state, got, tc.want)
		}
	}
}

func TestFlattenDirectorySync(t *testing.T) {
	provider := "okta"
	m := flattenDirectorySync("acme", &cryptr.DirectorySync{
		ID: "id-1", Environment: "production", Active: true, ProviderType: &provider,
		AuthSecretToken: cryptr.AuthSecretToken{Value: "hidden"}, InsertedAt: "2023-06-15T09:23:55", UpdatedAt: "2023-06-15T12:11:17",
	})
	if m.ID.ValueString() != "id-1" || m.OrganizationDomain.ValueString() != "acme" || m.Environment.ValueString() != "production" ||
		!m.Active.ValueBool() || m.ProviderType.ValueString() != "okta" || m.UpdatedAt.ValueString() != "2023-06-15T12:11:17" {
		t.Fatalf("flattened %+v", m)
	}
	if m := flattenDirectorySync("acme", &cryptr.DirectorySync{}); !m.ProviderType.IsNull() {
		t.Fatalf("a null provider_type must stay null, got %v", m.ProviderType)
	}
	if (&cryptr.DirectorySync{AuthSecretToken: cryptr.AuthSecretToken{Value: "hidden"}}).Token() != "" {
		t.Fatal(`a "hidden" token must read as no token`)
	}
}
