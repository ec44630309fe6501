package cryptr

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// webhookEventCodes are the concrete event codes of Cryptr webhooks: the
// documented list, the later-added group membership codes and the codes
// seen only in the API reference samples.
var webhookEventCodes = []string{
	"sso_saml.approved_authorization",
	"sso_saml.success_signup",
	"sso_saml.end_user_saml_started",
	"sso_saml.end_user_saml_success",
	"sso_saml.end_user_logout_success",
	"sso_saml.end_user_saml_failure",
	"sso_saml.tokens_generated",
	"sso_saml.end_user_signup_success",
	"sso_saml.user.jit_provision.success",
	"sso_saml.user.update.success",
	"dir_sync.activate.success",
	"dir_sync.deactivate.success",
	"dir_sync.user.provision.success",
	"dir_sync.user.provision.fail",
	"dir_sync.user.update.success",
	"dir_sync.user.update.fail",
	"dir_sync.user.deprovision.success",
	"dir_sync.user.deprovision.fail",
	"dir_sync.user.create.success",
	"dir_sync.group.provision.success",
	"dir_sync.group.provision.fail",
	"dir_sync.group.update.success",
	"dir_sync.group.update.fail",
	"dir_sync.group.deprovision.success",
	"dir_sync.group.deprovision.fail",
	"dir_sync.group.users_added.success",
	"dir_sync.group.users_added.fail",
	"dir_sync.group.users_removed.success",
	"dir_sync.group.users_removed.fail",
}

// webhookWildcards subscribe to every event, every SSO SAML event, or
// every directory-sync event.
var webhookWildcards = []string{"all", "sso_saml.all", "dir_sync.all"}

// webhookSubscribableCodes are the values event_codes accepts.
func webhookSubscribableCodes() []string {
	return append(append([]string{}, webhookWildcards...), webhookEventCodes...)
}

// webhookEventStates are the states of a webhook event's delivery.
var webhookEventStates = []string{"available", "scheduled", "executing", "retryable", "completed", "discarded", "cancelled"}

// webhookModel holds a webhook's attributes in the resource and the data sources.
type webhookModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	TargetURL    types.String `tfsdk:"target_url"`
	EventCodes   types.Set    `tfsdk:"event_codes"`
	Environment  types.String `tfsdk:"environment"`
	Active       types.Bool   `tfsdk:"active"`
	SignatureKey types.String `tfsdk:"signature_key"`
	InsertedAt   types.String `tfsdk:"inserted_at"`
	UpdatedAt    types.String `tfsdk:"updated_at"`
}

// webhookFields maps API field names to attributes for error diagnostics.
var webhookFields = fwkit.FieldPaths{
	"name":        path.Root("name"),
	"target_url":  path.Root("target_url"),
	"event_codes": path.Root("event_codes"),
}

// flattenWebhook returns the model of an API webhook.
func flattenWebhook(ctx context.Context, w *cryptr.Webhook) (webhookModel, diag.Diagnostics) {
	codes := append([]string{}, w.EventCodes...)
	sort.Strings(codes)
	set, diags := types.SetValueFrom(ctx, types.StringType, codes)
	return webhookModel{
		ID:           types.StringValue(w.ID),
		Name:         types.StringValue(w.Name),
		TargetURL:    types.StringValue(w.TargetURL),
		EventCodes:   set,
		Environment:  types.StringValue(w.Environment),
		Active:       types.BoolValue(w.Active),
		SignatureKey: types.StringValue(w.SignatureKey),
		InsertedAt:   types.StringValue(w.InsertedAt),
		UpdatedAt:    types.StringValue(w.UpdatedAt),
	}, diags
}

// expandWebhook returns the API input of a planned webhook.
func expandWebhook(ctx context.Context, m webhookModel) (cryptr.WebhookInput, diag.Diagnostics) {
	in := cryptr.WebhookInput{Name: m.Name.ValueString(), TargetURL: m.TargetURL.ValueString(), EventCodes: []string{}}
	diags := m.EventCodes.ElementsAs(ctx, &in.EventCodes, false)
	sort.Strings(in.EventCodes)
	return in, diags
}
