package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// TOTP methods, the documented default method and each method's default expiry.
const (
	totpMethodApp = "totp_mobile_app"
	totpMethodSMS = "sms"
)

// totpDefaultExpiry is the documented default code lifetime of each method.
var totpDefaultExpiry = map[string]int64{totpMethodApp: 30, totpMethodSMS: 600}

// totpConnectionModel is the state of a TOTP connection, in the resource
// and the data source.
type totpConnectionModel struct {
	ID                 types.String `tfsdk:"id"`
	OrganizationDomain types.String `tfsdk:"organization_domain"`
	Active             types.Bool   `tfsdk:"active"`
	Method             types.String `tfsdk:"method"`
	ExpiryInSeconds    types.Int64  `tfsdk:"expiry_in_seconds"`
}

// totpConnectionFields maps API field names to attributes for error diagnostics.
var totpConnectionFields = fwkit.FieldPaths{
	"active":            path.Root("active"),
	"method":            path.Root("method"),
	"expiry_in_seconds": path.Root("expiry_in_seconds"),
}

// totpConnectionDefaults are the documented settings of every
// organization's TOTP connection; destroy restores them.
var totpConnectionDefaults = cryptr.TOTPConnectionInput{Active: false, Method: totpMethodApp, ExpiryInSeconds: totpDefaultExpiry[totpMethodApp]}

// flattenTOTPConnection returns the model of an API TOTP connection; the
// API gives it no id, so the id is the organization's domain.
func flattenTOTPConnection(domain string, c *cryptr.TOTPConnection) totpConnectionModel {
	return totpConnectionModel{
		ID:                 types.StringValue(domain),
		OrganizationDomain: types.StringValue(domain),
		Active:             types.BoolValue(c.Active),
		Method:             types.StringValue(c.Method),
		ExpiryInSeconds:    types.Int64Value(c.ExpiryInSeconds),
	}
}

// expandTOTPConnection returns the API input of a planned TOTP connection.
func expandTOTPConnection(m totpConnectionModel) cryptr.TOTPConnectionInput {
	return cryptr.TOTPConnectionInput{
		Active:          m.Active.ValueBool(),
		Method:          m.Method.ValueString(),
		ExpiryInSeconds: m.ExpiryInSeconds.ValueInt64(),
	}
}
