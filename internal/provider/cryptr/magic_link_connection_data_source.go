package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// MagicLinkConnectionDataSource reads the magic-link connection of an organization.
type MagicLinkConnectionDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*MagicLinkConnectionDataSource)(nil)

// NewMagicLinkConnectionDataSource returns the tenant_cryptr_magic_link_connection data source.
func NewMagicLinkConnectionDataSource() datasource.DataSource {
	return &MagicLinkConnectionDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_magic_link_connection"}}
}

// Schema describes the data source.
func (d *MagicLinkConnectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the magic-link connection of a Cryptr organization (every organization has one).",
		Attributes: map[string]schema.Attribute{
			"organization_domain": connDataOrgDomainAttribute("magic-link connection"),
			"id":                  str("Identifier of the magic-link connection (a UUID)."),
			"active":              schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether users can log in with a magic link."},
			"find_or_create_user": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether a magic link registers unknown users."},
			"sign_in_template_id": str("Id of the sign-in email template; null for Cryptr's default."),
			"inserted_at":         str("Creation time (UTC)."),
			"updated_at":          str("Time of the last change (UTC)."),
		},
	}
}

// Read reads the magic-link connection.
func (d *MagicLinkConnectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config magicLinkConnectionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := config.OrganizationDomain.ValueString()
	conn, err := api.GetMagicLinkConnection(ctx, domain)
	if err != nil {
		connReadError(&resp.Diagnostics, "magic-link connection", domain, err)
		return
	}
	model := flattenMagicLinkConnection(domain, conn)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
