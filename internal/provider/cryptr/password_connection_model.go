package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// Cryptr's defaults for a password connection (those of a new one); destroy
// restores them.
const (
	passwordDefaultMinLength      = 8
	passwordDefaultMaxLength      = 40
	passwordDefaultPepperRotation = 86400
)

// passwordConnectionModel is the state of a password connection, in the
// resource and the data source.
type passwordConnectionModel struct {
	ID                       types.String `tfsdk:"id"`
	OrganizationDomain       types.String `tfsdk:"organization_domain"`
	Active                   types.Bool   `tfsdk:"active"`
	PlainTextMinLength       types.Int64  `tfsdk:"plain_text_min_length"`
	PlainTextMaxLength       types.Int64  `tfsdk:"plain_text_max_length"`
	PepperRotationPeriod     types.Int64  `tfsdk:"pepper_rotation_period"`
	ForgotPasswordTemplateID types.String `tfsdk:"forgot_password_template_id"`
	InsertedAt               types.String `tfsdk:"inserted_at"`
	UpdatedAt                types.String `tfsdk:"updated_at"`
}

// passwordConnectionFields maps API field names to attributes for error diagnostics.
var passwordConnectionFields = fwkit.FieldPaths{
	"active":                      path.Root("active"),
	"plain_text_min_length":       path.Root("plain_text_min_length"),
	"plain_text_max_length":       path.Root("plain_text_max_length"),
	"pepper_rotation_period":      path.Root("pepper_rotation_period"),
	"forgot_password_template_id": path.Root("forgot_password_template_id"),
}

// passwordConnectionDefaults is what destroy restores: Cryptr's defaults,
// deactivated (the closest to having no password connection).
var passwordConnectionDefaults = cryptr.PasswordConnectionInput{
	Active: false, PlainTextMinLength: passwordDefaultMinLength, PlainTextMaxLength: passwordDefaultMaxLength,
	PepperRotationPeriod: passwordDefaultPepperRotation,
}

// flattenPasswordConnection returns the model of an API password connection.
func flattenPasswordConnection(domain string, c *cryptr.PasswordConnection) passwordConnectionModel {
	return passwordConnectionModel{
		ID:                       types.StringValue(c.ID),
		OrganizationDomain:       types.StringValue(domain),
		Active:                   types.BoolValue(c.Active),
		PlainTextMinLength:       types.Int64Value(c.PlainTextMinLength),
		PlainTextMaxLength:       types.Int64Value(c.PlainTextMaxLength),
		PepperRotationPeriod:     types.Int64Value(c.PepperRotationPeriod),
		ForgotPasswordTemplateID: connOptionalString(c.ForgotPasswordTemplateID),
		InsertedAt:               types.StringValue(c.InsertedAt),
		UpdatedAt:                types.StringValue(c.UpdatedAt),
	}
}

// expandPasswordConnection returns the API input of a planned password connection.
func expandPasswordConnection(m passwordConnectionModel) cryptr.PasswordConnectionInput {
	return cryptr.PasswordConnectionInput{
		Active:                   m.Active.ValueBool(),
		PlainTextMinLength:       m.PlainTextMinLength.ValueInt64(),
		PlainTextMaxLength:       m.PlainTextMaxLength.ValueInt64(),
		PepperRotationPeriod:     m.PepperRotationPeriod.ValueInt64(),
		ForgotPasswordTemplateID: m.ForgotPasswordTemplateID.ValueString(),
	}
}

// passwordLengthsValid reports whether min < max, treating a value left out
// of the configuration as its default; unknown values pass.
func passwordLengthsValid(minLength, maxLength types.Int64) bool {
	if minLength.IsUnknown() || maxLength.IsUnknown() {
		return true
	}
	lo, hi := int64(passwordDefaultMinLength), int64(passwordDefaultMaxLength)
	if !minLength.IsNull() {
		lo = minLength.ValueInt64()
	}
	if !maxLength.IsNull() {
		hi = maxLength.ValueInt64()
	}
	return lo < hi
}
