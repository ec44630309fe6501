package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// ssoConnectionDataAttributes is the schema of an SSO connection in data
// sources: every attribute computed.
func ssoConnectionDataAttributes() map[string]schema.Attribute {
	str := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"id":                              str("Identifier of the connection."),
		"organization_domain":             str("Domain of the organization."),
		"provider_type":                   str("Identity provider type, such as `saml.okta`, or `unset`."),
		"active":                          schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the connection accepts logins."},
		"number_users_provisioning_limit": schema.Int64Attribute{Computed: true, MarkdownDescription: "Limit of simultaneous SSO sessions; null when there is none."},
		"users_access_policy":             str("`only_registered_users`, `provision_new_users` or `unregistered_users_allowed`."),
		"metadata_xml":                    str("The identity provider's SAML metadata (XML); null when not set."),
		"sp_id":                           str("Service provider identifier."),
		"entity_id":                       str("SAML entity ID."),
		"acs_url":                         str("SAML assertion consumer service URL."),
		"metadata_url":                    str("URL of Cryptr's SAML metadata for this connection."),
		"slo_url":                         str("SAML single logout URL, when reported."),
		"inserted_at":                     str("Creation time (UTC)."),
		"updated_at":                      str("Time of the last change (UTC)."),
	}
}

// SSOConnectionDataSource reads the SSO connection of one organization.
type SSOConnectionDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*SSOConnectionDataSource)(nil)

// NewSSOConnectionDataSource returns the tenant_cryptr_sso_connection data source.
func NewSSOConnectionDataSource() datasource.DataSource {
	return &SSOConnectionDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_sso_connection"}}
}

// Schema describes the data source.
func (d *SSOConnectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := ssoConnectionDataAttributes()
	attrs["organization_domain"] = schema.StringAttribute{Required: true, MarkdownDescription: "Domain of the organization whose connection to read.", Validators: []validator.String{connDomainValidator()}}
	resp.Schema = schema.Schema{MarkdownDescription: "Reads the SSO connection of one Cryptr organization.", Attributes: attrs}
}

// Read reads the connection; an organization without one is an error.
func (d *SSOConnectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config ssoConnectionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := config.OrganizationDomain.ValueString()
	conn, err := api.GetSSOConnection(ctx, domain)
	if err != nil {
		summary := "Could not read the Cryptr SSO connection"
		if httpclient.IsNotFound(err) {
			summary = fmt.Sprintf("Cryptr organization %q has no SSO connection (or does not exist)", domain)
		}
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	model := flattenSSOConnection(conn, domain)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// SSOConnectionsDataSource lists the SSO connections of every organization.
type SSOConnectionsDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*SSOConnectionsDataSource)(nil)

// NewSSOConnectionsDataSource returns the tenant_cryptr_sso_connections data source.
func NewSSOConnectionsDataSource() datasource.DataSource {
	return &SSOConnectionsDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_sso_connections"}}
}

type ssoConnectionsModel struct {
	SSOConnections []ssoConnectionModel `tfsdk:"sso_connections"`
}

// Schema describes the data source.
func (d *SSOConnectionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the SSO connections of every Cryptr organization of the account (all pages), newest first.",
		Attributes: map[string]schema.Attribute{
			"sso_connections": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The SSO connections.",
				NestedObject:        schema.NestedAttributeObject{Attributes: ssoConnectionDataAttributes()},
			},
		},
	}
}

// Read lists the connections, following every page.
func (d *SSOConnectionsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	conns, err := api.ListSSOConnections(ctx, 0)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Cryptr SSO connections", err.Error())
		return
	}
	state := ssoConnectionsModel{SSOConnections: make([]ssoConnectionModel, 0, len(conns))}
	for i := range conns {
		state.SSOConnections = append(state.SSOConnections, flattenSSOConnection(&conns[i], ""))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
