package cryptr

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// organizationModel holds the attributes an organization has in every
// resource and data source.
type organizationModel struct {
	ID                  types.String `tfsdk:"id"`
	Domain              types.String `tfsdk:"domain"`
	Name                types.String `tfsdk:"name"`
	AllowedEmailDomains types.Set    `tfsdk:"allowed_email_domains"`
	Environments        types.List   `tfsdk:"environments"`
	Status              types.String `tfsdk:"status"`
	Locale              types.String `tfsdk:"locale"`
	Timezone            types.String `tfsdk:"timezone"`
	InsertedAt          types.String `tfsdk:"inserted_at"`
	UpdatedAt           types.String `tfsdk:"updated_at"`
}

// environmentType is the object type of one environment.
var environmentType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name":   types.StringType,
	"status": types.StringType,
}}

// organizationFields maps API field names to attributes for error diagnostics.
var organizationFields = fwkit.FieldPaths{
	"name":                  path.Root("name"),
	"allowed_email_domains": path.Root("allowed_email_domains"),
}

// flattenOrganization returns the model of an API organization.
func flattenOrganization(ctx context.Context, org *cryptr.Organization) (organizationModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	domains := org.AllowedEmailDomains
	if domains == nil {
		domains = []string{}
	}
	domainSet, d := types.SetValueFrom(ctx, types.StringType, domains)
	diags.Append(d...)
	envs := make([]attr.Value, 0, len(org.Environments))
	sorted := append([]cryptr.Environment(nil), org.Environments...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for _, env := range sorted {
		obj, d := types.ObjectValue(environmentType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(env.Name), "status": types.StringValue(env.Status),
		})
		diags.Append(d...)
		envs = append(envs, obj)
	}
	envList, d := types.ListValue(environmentType, envs)
	diags.Append(d...)
	return organizationModel{
		ID:                  types.StringValue(org.Domain),
		Domain:              types.StringValue(org.Domain),
		Name:                types.StringValue(org.Name),
		AllowedEmailDomains: domainSet,
		Environments:        envList,
		Status:              types.StringValue(org.Status.State),
		Locale:              types.StringValue(org.Locale),
		Timezone:            types.StringValue(org.Timezone),
		InsertedAt:          types.StringValue(org.InsertedAt),
		UpdatedAt:           types.StringValue(org.UpdatedAt),
	}, diags
}

// expandOrganization returns the API input of a planned organization.
func expandOrganization(ctx context.Context, m organizationModel) (cryptr.OrganizationInput, diag.Diagnostics) {
	in := cryptr.OrganizationInput{Name: m.Name.ValueString(), AllowedEmailDomains: []string{}}
	diags := m.AllowedEmailDomains.ElementsAs(ctx, &in.AllowedEmailDomains, false)
	sort.Strings(in.AllowedEmailDomains)
	return in, diags
}
