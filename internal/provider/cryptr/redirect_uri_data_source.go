package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// redirectURIDataAttributes is the schema of a redirect URI in data
// sources: every attribute computed.
func redirectURIDataAttributes() map[string]schema.Attribute {
	str := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"id":          str("Identifier (UUID) of the redirect URI."),
		"environment": str("Environment of the URI (`sandbox` or `production`)."),
		"uri":         str("The URI."),
		"default":     schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is its environment's default redirect URI."},
		"inserted_at": str("Creation time (UTC)."),
		"updated_at":  str("Time of the last change (UTC)."),
	}
}

// RedirectURIDataSource reads one redirect URI by id.
type RedirectURIDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*RedirectURIDataSource)(nil)

// NewRedirectURIDataSource returns the tenant_cryptr_redirect_uri data source.
func NewRedirectURIDataSource() datasource.DataSource {
	return &RedirectURIDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_redirect_uri"}}
}

// Schema describes the data source.
func (d *RedirectURIDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := redirectURIDataAttributes()
	attrs["id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Identifier of the redirect URI to read (in the environment of the provider's API key)."}
	resp.Schema = schema.Schema{MarkdownDescription: "Reads one Cryptr redirect URI of the API key's environment by id.", Attributes: attrs}
}

// Read reads the redirect URI; a missing one is an error.
func (d *RedirectURIDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config redirectURIModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := api.GetRedirectURI(ctx, config.ID.ValueString())
	if err != nil {
		summary := "Could not read the Cryptr redirect URI"
		if httpclient.IsNotFound(err) {
			summary = fmt.Sprintf("Cryptr redirect URI %q not found in the API key's environment", config.ID.ValueString())
		}
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	model := flattenRedirectURI(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// RedirectURIsDataSource lists the redirect URIs of the API key's environment.
type RedirectURIsDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*RedirectURIsDataSource)(nil)

// NewRedirectURIsDataSource returns the tenant_cryptr_redirect_uris data source.
func NewRedirectURIsDataSource() datasource.DataSource {
	return &RedirectURIsDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_redirect_uris"}}
}

type redirectURIsModel struct {
	RedirectURIs []redirectURIModel `tfsdk:"redirect_uris"`
}

// Schema describes the data source.
func (d *RedirectURIsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every Cryptr redirect URI of the API key's environment (all pages), newest first.",
		Attributes: map[string]schema.Attribute{
			"redirect_uris": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The redirect URIs.",
				NestedObject:        schema.NestedAttributeObject{Attributes: redirectURIDataAttributes()},
			},
		},
	}
}

// Read lists the redirect URIs, following every page.
func (d *RedirectURIsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	uris, err := api.ListRedirectURIs(ctx, 0)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Cryptr redirect URIs", err.Error())
		return
	}
	state := redirectURIsModel{RedirectURIs: make([]redirectURIModel, 0, len(uris))}
	for i := range uris {
		state.RedirectURIs = append(state.RedirectURIs, flattenRedirectURI(&uris[i]))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
