package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// PasswordConnectionDataSource reads the password connection of an organization.
type PasswordConnectionDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*PasswordConnectionDataSource)(nil)

// NewPasswordConnectionDataSource returns the tenant_cryptr_password_connection data source.
func NewPasswordConnectionDataSource() datasource.DataSource {
	return &PasswordConnectionDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_password_connection"}}
}

// Schema describes the data source.
func (d *PasswordConnectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	num := func(description string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: description}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the password connection of a Cryptr organization. An organization without one is an error.",
		Attributes: map[string]schema.Attribute{
			"organization_domain":         connDataOrgDomainAttribute("password connection"),
			"id":                          str("Identifier of the password connection (a UUID)."),
			"active":                      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether users can log in with a password."},
			"plain_text_min_length":       num("Minimum length of a password."),
			"plain_text_max_length":       num("Maximum length of a password."),
			"pepper_rotation_period":      num("Time between two rotations of the password pepper, in seconds."),
			"forgot_password_template_id": str("Id of the \"forgot password\" email template; null for Cryptr's default."),
			"inserted_at":                 str("Creation time (UTC)."),
			"updated_at":                  str("Time of the last change (UTC)."),
		},
	}
}

// Read reads the password connection.
func (d *PasswordConnectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config passwordConnectionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := config.OrganizationDomain.ValueString()
	conn, err := api.GetPasswordConnection(ctx, domain)
	if err != nil {
		connReadError(&resp.Diagnostics, "password connection", domain, err)
		return
	}
	model := flattenPasswordConnection(domain, conn)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
