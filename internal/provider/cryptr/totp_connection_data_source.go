package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// TOTPConnectionDataSource reads the TOTP connection of an organization.
type TOTPConnectionDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*TOTPConnectionDataSource)(nil)

// NewTOTPConnectionDataSource returns the tenant_cryptr_totp_connection data source.
func NewTOTPConnectionDataSource() datasource.DataSource {
	return &TOTPConnectionDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_totp_connection"}}
}

// Schema describes the data source.
func (d *TOTPConnectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the TOTP connection of a Cryptr organization (every organization has one, deactivated by default).",
		Attributes: map[string]schema.Attribute{
			"organization_domain": connDataOrgDomainAttribute("TOTP connection"),
			"id":                  schema.StringAttribute{Computed: true, MarkdownDescription: "Same as `organization_domain`."},
			"active":              schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether TOTP is enabled."},
			"method":              schema.StringAttribute{Computed: true, MarkdownDescription: "`totp_mobile_app` or `sms`."},
			"expiry_in_seconds":   schema.Int64Attribute{Computed: true, MarkdownDescription: "Lifetime of a code in seconds."},
		},
	}
}

// Read reads the TOTP connection.
func (d *TOTPConnectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config totpConnectionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := config.OrganizationDomain.ValueString()
	conn, err := api.GetTOTPConnection(ctx, domain)
	if err != nil {
		connReadError(&resp.Diagnostics, "TOTP connection", domain, err)
		return
	}
	model := flattenTOTPConnection(domain, conn)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
