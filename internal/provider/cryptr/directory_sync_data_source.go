package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// DirectorySyncDataSource reads the directory sync of an organization in
// the provider's environment.
type DirectorySyncDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*DirectorySyncDataSource)(nil)

// NewDirectorySyncDataSource returns the tenant_cryptr_directory_sync data source.
func NewDirectorySyncDataSource() datasource.DataSource {
	return &DirectorySyncDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_directory_sync"}}
}

// Schema describes the data source.
func (d *DirectorySyncDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the SCIM directory sync of a Cryptr organization in the environment of the provider's API key. " +
			"The SCIM token is not available: Cryptr shows it only once, at creation or reset.",
		Attributes: map[string]schema.Attribute{
			"organization_domain": connDataOrgDomainAttribute("directory sync"),
			"id":                  computed("Identifier of the directory sync (a UUID)."),
			"environment":         computed("Environment of the directory sync (`sandbox` or `production`)."),
			"active":              schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the directory sync accepts SCIM requests."},
			"provider_type":       computed("Identity provider that uses the directory sync, if any."),
			"inserted_at":         computed("Creation time (UTC)."),
			"updated_at":          computed("Time of the last change (UTC)."),
		},
	}
}

// Read reads the directory sync; a missing one is an error.
func (d *DirectorySyncDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config directorySyncDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := config.OrganizationDomain.ValueString()
	ds, err := api.GetDirectorySync(ctx, domain)
	if err != nil {
		connReadError(&resp.Diagnostics, "directory sync", domain, err)
		return
	}
	model := flattenDirectorySync(domain, ds)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
