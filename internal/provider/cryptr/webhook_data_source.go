package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// webhookDataAttributes is the schema fragment of a webhook in data
// sources: every attribute computed, the signature key sensitive.
func webhookDataAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"id":          computed("Identifier of the webhook."),
		"name":        computed("Label of the webhook."),
		"target_url":  computed("URL that receives the events."),
		"event_codes": schema.SetAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Codes (or wildcards) of the events the webhook receives."},
		"environment": computed("Environment of the webhook (`sandbox` or `production`)."),
		"active":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether Cryptr delivers events to the webhook."},
		"signature_key": schema.StringAttribute{
			Computed: true, Sensitive: true,
			MarkdownDescription: "Secret key that authenticates the deliveries.",
		},
		"inserted_at": computed("Creation time (UTC)."),
		"updated_at":  computed("Time of the last change (UTC)."),
	}
}

// WebhookDataSource reads one Cryptr webhook by id.
type WebhookDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*WebhookDataSource)(nil)

// NewWebhookDataSource returns the tenant_cryptr_webhook data source.
func NewWebhookDataSource() datasource.DataSource {
	return &WebhookDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_webhook"}}
}

// Schema describes the data source.
func (d *WebhookDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := webhookDataAttributes()
	attrs["id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Identifier of the webhook to read."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Cryptr webhook by id. Only webhooks of the provider's API key environment are visible.",
		Attributes:          attrs,
	}
}

// Read reads the webhook; a missing one is an error.
func (d *WebhookDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config webhookModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := api.GetWebhook(ctx, config.ID.ValueString())
	if err != nil {
		summary := "Could not read the Cryptr webhook"
		if httpclient.IsNotFound(err) {
			summary = fmt.Sprintf("Cryptr webhook %q not found in the API key's environment", config.ID.ValueString())
		}
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	model, diags := flattenWebhook(ctx, got)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
