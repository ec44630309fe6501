package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// WebhookResource manages a Cryptr webhook.
type WebhookResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*WebhookResource)(nil)
	_ resource.ResourceWithImportState = (*WebhookResource)(nil)
)

// NewWebhookResource returns the tenant_cryptr_webhook resource.
func NewWebhookResource() resource.Resource {
	return &WebhookResource{fwkit.ResourceBase{TypeSuffix: "cryptr_webhook"}}
}

// Schema describes the webhook.
func (r *WebhookResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Cryptr webhook: Cryptr POSTs an event to `target_url` for each event whose code matches `event_codes`. " +
			"A webhook lives in the environment of the provider's API key (`sandbox` or `production`, reported in `environment`): " +
			"to declare a production webhook, use a provider alias configured with a production API key. " +
			"`target_url` and `event_codes` change in place; the API cannot rename a webhook, so a new `name` replaces it " +
			"(and gives it a new `signature_key`). Destroy deletes the webhook. Import by webhook id (the key must be of the webhook's environment).",
		Attributes: map[string]schema.Attribute{
			"id": fwkit.ComputedString("Identifier of the webhook, such as `webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ`."),
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Label of the webhook. The API cannot change it: a new name replaces the webhook.",
				Validators:          []validator.String{stringvalidator.RegexMatches(notBlank, "must not be blank")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"target_url": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Absolute `http://` or `https://` URL that receives the events.",
				Validators:          []validator.String{fwkit.AbsoluteHTTPURL()},
			},
			"event_codes": schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "Codes of the events to receive (at least one), such as `dir_sync.user.provision.success`, or the wildcards " +
					"`all`, `sso_saml.all` and `dir_sync.all`. Order does not matter.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(webhookSubscribableCodes()...)),
				},
			},
			"environment": fwkit.ComputedString("Environment of the webhook (`sandbox` or `production`): that of the provider's API key."),
			"active": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether Cryptr delivers events to the webhook.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"signature_key": schema.StringAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: "Secret key (128 characters) that authenticates the deliveries. Cryptr returns it on every read.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"inserted_at": fwkit.ComputedString("Creation time (UTC)."),
			"updated_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "Time of the last change (UTC)."},
		},
	}
}

// Create creates the webhook in the API key's environment.
func (r *WebhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan webhookModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := expandWebhook(ctx, plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := api.CreateWebhook(ctx, in)
	if fwkit.HandleExisting(ctx, r, &r.ResourceBase, err, func(w *cryptr.Webhook) string { return w.ID }, req, resp) {
		return
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not create the Cryptr webhook", err, webhookFields)
		return
	}
	model, diags := flattenWebhook(ctx, created)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// Read refreshes the webhook; a deleted one is removed from the state.
func (r *WebhookResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state webhookModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := api.GetWebhook(ctx, state.ID.ValueString())
	if err != nil {
		if !fwkit.RemoveIfGone(ctx, err, fmt.Sprintf("Cryptr webhook %q", state.ID.ValueString()), resp) {
			resp.Diagnostics.AddError("Could not read the Cryptr webhook", err.Error())
		}
		return
	}
	model, diags := flattenWebhook(ctx, got)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// Update changes the target URL and event codes in place.
func (r *WebhookResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state webhookModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := expandWebhook(ctx, plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	updated, err := api.UpdateWebhook(ctx, state.ID.ValueString(), in.TargetURL, in.EventCodes)
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not update the Cryptr webhook", err, webhookFields)
		return
	}
	model, diags := flattenWebhook(ctx, updated)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// Delete deletes the webhook; one already gone counts as deleted.
func (r *WebhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state webhookModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := fwkit.IgnoreGone(api.DeleteWebhook(ctx, state.ID.ValueString())); err != nil {
		resp.Diagnostics.AddError("Could not delete the Cryptr webhook", err.Error())
	}
}

// ImportState imports a webhook by its id.
func (r *WebhookResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, fwkit.ImportID{
		Resource: r.TypeName(),
		Parts: []fwkit.ImportPart{{Attr: "id", Of: "the webhook's id (not its name)",
			Shape: fwkit.ShapeCryptrID("webhook", "webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ")}},
		Find:    "data.tenant_cryptr_webhooks lists the webhooks of the provider's environment with their id and name.",
		Example: "webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ",
	})
}
