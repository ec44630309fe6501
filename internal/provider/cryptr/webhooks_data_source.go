package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// WebhooksDataSource lists the Cryptr webhooks of the API key's environment.
type WebhooksDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*WebhooksDataSource)(nil)

// NewWebhooksDataSource returns the tenant_cryptr_webhooks data source.
func NewWebhooksDataSource() datasource.DataSource {
	return &WebhooksDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_webhooks"}}
}

type webhooksModel struct {
	Webhooks []webhookModel `tfsdk:"webhooks"`
}

// Schema describes the data source.
func (d *WebhooksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every Cryptr webhook of the provider's API key environment (all pages), newest first.",
		Attributes: map[string]schema.Attribute{
			"webhooks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The webhooks.",
				NestedObject:        schema.NestedAttributeObject{Attributes: webhookDataAttributes()},
			},
		},
	}
}

// Read lists the webhooks, following every page.
func (d *WebhooksDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	hooks, err := api.ListWebhooks(ctx, 0)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Cryptr webhooks", err.Error())
		return
	}
	state := webhooksModel{Webhooks: make([]webhookModel, 0, len(hooks))}
	for i := range hooks {
		model, diags := flattenWebhook(ctx, &hooks[i])
		resp.Diagnostics.Append(diags...)
		state.Webhooks = append(state.Webhooks, model)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
