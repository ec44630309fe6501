package cryptr

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// WebhookEventsDataSource reads the webhook delivery log.
type WebhookEventsDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*WebhookEventsDataSource)(nil)

// NewWebhookEventsDataSource returns the tenant_cryptr_webhook_events data source.
func NewWebhookEventsDataSource() datasource.DataSource {
	return &WebhookEventsDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_webhook_events"}}
}

type webhookEventsModel struct {
	States     types.Set           `tfsdk:"states"`
	EventCodes types.Set           `tfsdk:"event_codes"`
	Events     []webhookEventModel `tfsdk:"events"`
}

type webhookEventModel struct {
	ID          types.Int64  `tfsdk:"id"`
	WebhookID   types.String `tfsdk:"webhook_id"`
	EventCode   types.String `tfsdk:"event_code"`
	Environment types.String `tfsdk:"environment"`
	Domain      types.String `tfsdk:"domain"`
	State       types.String `tfsdk:"state"`
	Attempt     types.Int64  `tfsdk:"attempt"`
	MaxAttempts types.Int64  `tfsdk:"max_attempts"`
	IssuedAt    types.String `tfsdk:"issued_at"`
	InsertedAt  types.String `tfsdk:"inserted_at"`
	ScheduledAt types.String `tfsdk:"scheduled_at"`
	AttemptedAt types.String `tfsdk:"attempted_at"`
	CompletedAt types.String `tfsdk:"completed_at"`
	CancelledAt types.String `tfsdk:"cancelled_at"`
	DiscardedAt types.String `tfsdk:"discarded_at"`
	DataJSON    types.String `tfsdk:"data_json"`
}

// Schema describes the data source.
func (d *WebhookEventsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	num := func(description string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: description}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the webhook delivery log of the provider's API key environment (all pages), newest first: " +
			"one entry per event and webhook, with its delivery state. Cryptr keeps finished entries (completed, cancelled, discarded) for 24 hours.",
		Attributes: map[string]schema.Attribute{
			"states": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Keep events in one of these delivery states: `available`, `scheduled`, `executing`, `retryable`, `completed`, `discarded`, `cancelled`. Leave out to keep all.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(webhookEventStates...))},
			},
			"event_codes": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Keep events with one of these codes, such as `dir_sync.user.provision.success` (wildcards do not apply here). Leave out to keep all.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(webhookEventCodes...))},
			},
			"events": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The events, newest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           num("Identifier of the event (use it to retry or cancel the delivery)."),
					"webhook_id":   str("Webhook the event is delivered to."),
					"event_code":   str("Code of the event."),
					"environment":  str("Environment of the event."),
					"domain":       str("Domain the event comes from."),
					"state":        str("Delivery state."),
					"attempt":      num("Number of delivery attempts made."),
					"max_attempts": num("Maximum number of attempts."),
					"issued_at":    str("Time the event was issued."),
					"inserted_at":  str("Time the delivery was queued."),
					"scheduled_at": str("Time of the next (or last) scheduled attempt."),
					"attempted_at": str("Time of the last attempt; null if none."),
					"completed_at": str("Time of the successful delivery; null if none."),
					"cancelled_at": str("Time the delivery was cancelled; null if not."),
					"discarded_at": str("Time the delivery was given up; null if not."),
					"data_json":    str("The event's `data` payload, as JSON."),
				}},
			},
		},
	}
}

// Read lists the events with the filters, following every page.
func (d *WebhookEventsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config webhookEventsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var opts cryptr.ListWebhookEventsOptions
	resp.Diagnostics.Append(config.States.ElementsAs(ctx, &opts.States, false)...)
	resp.Diagnostics.Append(config.EventCodes.ElementsAs(ctx, &opts.EventCodes, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	events, err := api.ListWebhookEvents(ctx, opts)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Cryptr webhook events", err.Error())
		return
	}
	config.Events = make([]webhookEventModel, 0, len(events))
	for _, e := range events {
		config.Events = append(config.Events, flattenWebhookEvent(e))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

// flattenWebhookEvent returns the model of an API webhook event.
func flattenWebhookEvent(e cryptr.WebhookEvent) webhookEventModel {
	data := types.StringNull()
	if len(e.Args.Data) > 0 && string(e.Args.Data) != "null" {
		var v any
		if json.Unmarshal(e.Args.Data, &v) == nil {
			compact, _ := json.Marshal(v)
			data = types.StringValue(string(compact))
		}
	}
	return webhookEventModel{
		ID:          types.Int64Value(e.ID),
		WebhookID:   types.StringValue(e.Args.WebhookID),
		EventCode:   types.StringValue(e.Args.Code),
		Environment: types.StringValue(e.Args.Environment),
		Domain:      types.StringValue(e.Args.Domain),
		State:       types.StringValue(e.State),
		Attempt:     types.Int64Value(e.Attempt),
		MaxAttempts: types.Int64Value(e.MaxAttempts),
		IssuedAt:    types.StringValue(e.Args.IssuedAt),
		InsertedAt:  types.StringValue(e.InsertedAt),
		ScheduledAt: types.StringValue(e.ScheduledAt),
		AttemptedAt: types.StringPointerValue(e.AttemptedAt),
		CompletedAt: types.StringPointerValue(e.CompletedAt),
		CancelledAt: types.StringPointerValue(e.CancelledAt),
		DiscardedAt: types.StringPointerValue(e.DiscardedAt),
		DataJSON:    data,
	}
}
