package synerise

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/synerise"
)

func TestCanonicalIPEntry(t *testing.T) {
	for entry, want := range map[string]string{
		"203.0.113.7":     "",
		"10.0.0.0/8":      "",
		"2001:db8::/32":   "",
		"2001:db8::1":     "",
		"192.0.2.1/32":    "",
		"::ffff:10.0.0.1": "",
		"10.0.0.1/8":      `write the block as "10.0.0.0/8"`,
		"2001:DB8::/32":   `write it as "2001:db8::/32"`,
		"2001:0db8::1":    `write it as "2001:db8::1"`,
		"fe80::1%eth0":    "zones are not allowed",
		"10.0.0.0/33":     "neither",
		"010.0.0.1":       "neither",
		"":                "neither",
		" 10.0.0.1":       "neither",
	} {
		got := canonicalIPEntry(entry)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("canonicalIPEntry(%q) = %q, want it to contain %q", entry, got, want)
		}
	}
}

func TestIPAllowlistRoundTrip(t *testing.T) {
	ctx := context.Background()
	m, diags := flattenIPAllowlist(ctx, "ws", &synerise.IPPolicy{Enabled: true, IPPolicy: []string{"10.0.0.0/8", "192.0.2.1", "10.0.0.0/8"}})
	if diags.HasError() || m.ID.ValueString() != "ws" || m.WorkspaceUUID.ValueString() != "ws" || !m.Enabled.ValueBool() ||
		m.EnableSupportSubnets.ValueBool() || len(m.IPPolicy.Elements()) != 2 {
		t.Fatalf("flatten = %+v, %v", m, diags)
	}
	in, diags := expandIPAllowlist(ctx, m)
	if diags.HasError() || !in.Enabled || strings.Join(in.IPPolicy, ",") != "10.0.0.0/8,192.0.2.1" {
		t.Fatalf("expand = %+v, %v", in, diags)
	}
	empty, _ := expandIPAllowlist(ctx, ipAllowlistModel{IPPolicy: types.SetValueMust(types.StringType, nil)})
	if empty.IPPolicy == nil || len(empty.IPPolicy) != 0 {
		t.Fatalf("an empty set must expand to [], got %#v", empty.IPPolicy)
	}
}
