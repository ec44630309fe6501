package synerise

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/synerise"
)

// ipAllowlistModel is the state of tenant_synerise_ip_allowlist.
type ipAllowlistModel struct {
	ID                   types.String `tfsdk:"id"`
	WorkspaceUUID        types.String `tfsdk:"workspace_uuid"`
	Enabled              types.Bool   `tfsdk:"enabled"`
	EnableSupportSubnets types.Bool   `tfsdk:"enable_support_subnets"`
	IPPolicy             types.Set    `tfsdk:"ip_policy"`
}

// expandIPAllowlist builds the full policy to send from m, entries sorted.
func expandIPAllowlist(ctx context.Context, m ipAllowlistModel) (synerise.IPPolicy, diag.Diagnostics) {
	entries := []string{}
	diags := m.IPPolicy.ElementsAs(ctx, &entries, false)
	slices.Sort(entries)
	return synerise.IPPolicy{
		Enabled: m.Enabled.ValueBool(), EnableSupportSubnets: m.EnableSupportSubnets.ValueBool(), IPPolicy: entries,
	}, diags
}

// flattenIPAllowlist converts the policy of workspace uuid. Duplicates the
// API may hold collapse into one set element.
func flattenIPAllowlist(ctx context.Context, uuid string, p *synerise.IPPolicy) (ipAllowlistModel, diag.Diagnostics) {
	entries := slices.Clone(p.IPPolicy)
	slices.Sort(entries)
	entries = slices.Compact(entries)
	set, diags := types.SetValueFrom(ctx, types.StringType, entries)
	return ipAllowlistModel{
		ID: types.StringValue(uuid), WorkspaceUUID: types.StringValue(uuid),
		Enabled: types.BoolValue(p.Enabled), EnableSupportSubnets: types.BoolValue(p.EnableSupportSubnets), IPPolicy: set,
	}, diags
}

// canonicalIPEntry checks that v is an IPv4 or IPv6 address or CIDR block
// written in its canonical form (lowercase, shortest IPv6, no host bits
// set in a block), so that what Terraform sends is what it reads back. It
// returns an explanation, with the canonical form when there is one, or "".
func canonicalIPEntry(v string) string {
	if strings.Contains(v, "%") {
		return fmt.Sprintf("%q has an IPv6 zone (%%...): zones are not allowed", v)
	}
	if addr, err := netip.ParseAddr(v); err == nil {
		if canonical := addr.String(); canonical != v {
			return fmt.Sprintf("%q is not in canonical form: write it as %q", v, canonical)
		}
		return ""
	}
	prefix, err := netip.ParsePrefix(v)
	if err != nil {
		return fmt.Sprintf("%q is neither an IPv4 or IPv6 address (such as 203.0.113.7 or 2001:db8::1) nor a CIDR block (such as 10.0.0.0/8 or 2001:db8::/32)", v)
	}
	if canonical := prefix.Masked().String(); canonical != v {
		if prefix.Masked() != prefix {
			return fmt.Sprintf("%q has host bits set after the /%d prefix: write the block as %q", v, prefix.Bits(), canonical)
		}
		return fmt.Sprintf("%q is not in canonical form: write it as %q", v, canonical)
	}
	return ""
}

// ipEntryValidator validates one element of ip_policy with canonicalIPEntry.
type ipEntryValidator struct{}

// Description describes the validator.
func (ipEntryValidator) Description(context.Context) string {
	return "must be an IPv4 or IPv6 address or CIDR block in canonical form (lowercase, shortest IPv6 form, no host bits set)"
}

// MarkdownDescription describes the validator.
func (v ipEntryValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString checks one entry.
func (ipEntryValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := canonicalIPEntry(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid ip_policy entry", "ip_policy: "+problem+".")
	}
}
