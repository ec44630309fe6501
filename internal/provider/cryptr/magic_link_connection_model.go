package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// magicLinkConnectionModel is the state of a magic-link connection, in the
// resource and the data source.
type magicLinkConnectionModel struct {
	ID                 types.String `tfsdk:"id"`
	OrganizationDomain types.String `tfsdk:"organization_domain"`
	Active             types.Bool   `tfsdk:"active"`
	FindOrCreateUser   types.Bool   `tfsdk:"find_or_create_user"`
	SignInTemplateID   types.String `tfsdk:"sign_in_template_id"`
	InsertedAt         types.String `tfsdk:"inserted_at"`
	UpdatedAt          types.String `tfsdk:"updated_at"`
}

// magicLinkConnectionFields maps API field names to attributes for error diagnostics.
var magicLinkConnectionFields = fwkit.FieldPaths{
	"active":              path.Root("active"),
	"find_or_create_user": path.Root("find_or_create_user"),
	"sign_in_template_id": path.Root("sign_in_template_id"),
}

// magicLinkConnectionDefaults are the documented settings of every
// organization's magic-link connection; destroy restores them.
var magicLinkConnectionDefaults = cryptr.MagicLinkConnectionInput{Active: true, FindOrCreateUser: false}

// flattenMagicLinkConnection returns the model of an API magic-link connection.
func flattenMagicLinkConnection(domain string, c *cryptr.MagicLinkConnection) magicLinkConnectionModel {
	return magicLinkConnectionModel{
		ID:                 types.StringValue(c.ID),
		OrganizationDomain: types.StringValue(domain),
		Active:             types.BoolValue(c.Active),
		FindOrCreateUser:   types.BoolValue(c.FindOrCreateUser),
		SignInTemplateID:   connOptionalString(c.SignInTemplateID),
		InsertedAt:         types.StringValue(c.InsertedAt),
		UpdatedAt:          types.StringValue(c.UpdatedAt),
	}
}

// expandMagicLinkConnection returns the API input of a planned magic-link connection.
func expandMagicLinkConnection(m magicLinkConnectionModel) cryptr.MagicLinkConnectionInput {
	return cryptr.MagicLinkConnectionInput{
		Active:           m.Active.ValueBool(),
		FindOrCreateUser: m.FindOrCreateUser.ValueBool(),
		SignInTemplateID: m.SignInTemplateID.ValueString(),
	}
}
