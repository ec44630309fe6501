package cryptr

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// adminModel is the state of an admin in the resource and the data sources.
type adminModel struct {
	ID                     types.String `tfsdk:"id"`
	OrganizationDomain     types.String `tfsdk:"organization_domain"`
	Email                  types.String `tfsdk:"email"`
	Color                  types.String `tfsdk:"color"`
	InvitedAt              types.String `tfsdk:"invited_at"`
	AcceptedInvitationAt   types.String `tfsdk:"accepted_invitation_at"`
	DeclinedToBeInChargeAt types.String `tfsdk:"declined_to_be_in_charge_at"`
	LastLoginAt            types.String `tfsdk:"last_login_at"`
	InsertedAt             types.String `tfsdk:"inserted_at"`
	UpdatedAt              types.String `tfsdk:"updated_at"`
}

// adminFields maps API field names to attributes for error diagnostics.
var adminFields = fwkit.FieldPaths{"email": path.Root("email")}

// flattenAdmin returns the model of an API admin of the organization
// domain. The configured spelling of the email is kept when the API
// answers it in another case.
func flattenAdmin(a *cryptr.Admin, domain string, prior types.String) adminModel {
	email := types.StringValue(a.Email)
	if strings.EqualFold(prior.ValueString(), a.Email) && !prior.IsNull() && !prior.IsUnknown() {
		email = prior
	}
	if a.Organization.Domain != "" {
		domain = a.Organization.Domain
	}
	return adminModel{
		ID:                     types.StringValue(a.ID),
		OrganizationDomain:     types.StringValue(domain),
		Email:                  email,
		Color:                  fwkit.StringOrNull(a.Color),
		InvitedAt:              fwkit.StringOrNull(a.InvitedAt),
		AcceptedInvitationAt:   fwkit.StringOrNull(a.AcceptedInvitationAt),
		DeclinedToBeInChargeAt: fwkit.StringOrNull(a.DeclinedToBeInChargeAt),
		LastLoginAt:            fwkit.StringOrNull(a.LastLoginAt),
		InsertedAt:             fwkit.StringOrNull(a.InsertedAt),
		UpdatedAt:              fwkit.StringOrNull(a.UpdatedAt),
	}
}
