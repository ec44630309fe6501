package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
)

// directorySyncDataModel holds the attributes a directory sync has in the
// resource and the data source.
type directorySyncDataModel struct {
	ID                 types.String `tfsdk:"id"`
	OrganizationDomain types.String `tfsdk:"organization_domain"`
	Environment        types.String `tfsdk:"environment"`
	Active             types.Bool   `tfsdk:"active"`
	ProviderType       types.String `tfsdk:"provider_type"`
	InsertedAt         types.String `tfsdk:"inserted_at"`
	UpdatedAt          types.String `tfsdk:"updated_at"`
}

// directorySyncModel is the resource's state: the API's view plus the SCIM
// token (kept from the one answer that showed it) and the rotation trigger.
type directorySyncModel struct {
	directorySyncDataModel
	TokenRotation types.String `tfsdk:"token_rotation"`
	SCIMToken     types.String `tfsdk:"scim_token"`
}

// flattenDirectorySync returns the model of an API directory sync. The
// organization domain is the one asked for, as the API may omit it.
func flattenDirectorySync(domain string, d *cryptr.DirectorySync) directorySyncDataModel {
	return directorySyncDataModel{
		ID:                 types.StringValue(d.ID),
		OrganizationDomain: types.StringValue(domain),
		Environment:        types.StringValue(d.Environment),
		Active:             types.BoolValue(d.Active),
		ProviderType:       connOptionalString(d.ProviderType),
		InsertedAt:         types.StringValue(d.InsertedAt),
		UpdatedAt:          types.StringValue(d.UpdatedAt),
	}
}

// dirSyncRotates reports whether a plan asks for a new SCIM token: the
// rotation value is set (or not known yet) and differs from the state's.
func dirSyncRotates(plan, state types.String) bool {
	if plan.IsUnknown() {
		return true
	}
	return !plan.IsNull() && !plan.Equal(state)
}
