package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// ssoAccessPolicies are the documented values of users_access_policy.
var ssoAccessPolicies = []string{"only_registered_users", "provision_new_users", "unregistered_users_allowed"}

// ssoDefaultAccessPolicy is the API's default users_access_policy.
const ssoDefaultAccessPolicy = "provision_new_users"

// ssoConnectionModel holds the attributes an SSO connection has in the
// resource and the data sources.
type ssoConnectionModel struct {
	ID                           types.String `tfsdk:"id"`
	OrganizationDomain           types.String `tfsdk:"organization_domain"`
	ProviderType                 types.String `tfsdk:"provider_type"`
	Active                       types.Bool   `tfsdk:"active"`
	NumberUsersProvisioningLimit types.Int64  `tfsdk:"number_users_provisioning_limit"`
	UsersAccessPolicy            types.String `tfsdk:"users_access_policy"`
	MetadataXML                  types.String `tfsdk:"metadata_xml"`
	SPID                         types.String `tfsdk:"sp_id"`
	EntityID                     types.String `tfsdk:"entity_id"`
	ACSURL                       types.String `tfsdk:"acs_url"`
	MetadataURL                  types.String `tfsdk:"metadata_url"`
	SLOURL                       types.String `tfsdk:"slo_url"`
	InsertedAt                   types.String `tfsdk:"inserted_at"`
	UpdatedAt                    types.String `tfsdk:"updated_at"`
}

// ssoConnectionFields maps API field names to attributes for error diagnostics.
var ssoConnectionFields = fwkit.FieldPaths{
	"provider_type":                   path.Root("provider_type"),
	"active":                          path.Root("active"),
	"number_users_provisioning_limit": path.Root("number_users_provisioning_limit"),
	"users_access_policy":             path.Root("users_access_policy"),
	"metadata":                        path.Root("metadata_xml"),
}

// flattenSSOConnection returns the model of an API SSO connection; domain
// is used when the answer does not name its organization.
func flattenSSOConnection(conn *cryptr.SSOConnection, domain string) ssoConnectionModel {
	if conn.OrganizationDomain != "" {
		domain = conn.OrganizationDomain
	}
	limit := types.Int64Null()
	if conn.NumberUsersProvisioningLimit != nil {
		limit = types.Int64Value(*conn.NumberUsersProvisioningLimit)
	}
	policy := conn.UsersAccessPolicy
	if policy == "" {
		policy = ssoDefaultAccessPolicy
	}
	return ssoConnectionModel{
		ID:                           types.StringValue(conn.ID),
		OrganizationDomain:           types.StringValue(domain),
		ProviderType:                 types.StringValue(conn.ProviderType),
		Active:                       types.BoolValue(conn.Active),
		NumberUsersProvisioningLimit: limit,
		UsersAccessPolicy:            types.StringValue(policy),
		MetadataXML:                  fwkit.StringOrNull(conn.SAMLConfig.SSOProviderMetadata),
		SPID:                         fwkit.StringOrNull(conn.SPID),
		EntityID:                     fwkit.StringOrNull(conn.SAMLConfig.EntityID),
		ACSURL:                       fwkit.StringOrNull(conn.SAMLConfig.ACSURL),
		MetadataURL:                  fwkit.StringOrNull(conn.SAMLConfig.CryptrMetadataURL),
		SLOURL:                       fwkit.StringOrNull(conn.SAMLConfig.SLOURL),
		InsertedAt:                   fwkit.StringOrNull(conn.InsertedAt),
		UpdatedAt:                    fwkit.StringOrNull(conn.UpdatedAt),
	}
}

// expandSSOConnection returns the API input of a planned SSO connection.
func expandSSOConnection(m ssoConnectionModel) cryptr.SSOConnectionInput {
	in := cryptr.SSOConnectionInput{
		ProviderType:      m.ProviderType.ValueString(),
		Active:            m.Active.IsNull() || m.Active.ValueBool(),
		UsersAccessPolicy: m.UsersAccessPolicy.ValueString(),
		Metadata:          m.MetadataXML.ValueString(),
	}
	if !m.NumberUsersProvisioningLimit.IsNull() && !m.NumberUsersProvisioningLimit.IsUnknown() {
		limit := m.NumberUsersProvisioningLimit.ValueInt64()
		in.NumberUsersProvisioningLimit = &limit
	}
	return in
}
