package cryptr

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
)

func TestWebhookFlattenExpand(t *testing.T) {
	ctx := context.Background()
	api := &cryptr.Webhook{ID: "webhook_1", Environment: "production", Name: "n", TargetURL: "https://x.example",
		EventCodes: []string{"sso_saml.all", "dir_sync.all"}, Active: true, SignatureKey: "k", InsertedAt: "a", UpdatedAt: "b"}
	m, diags := flattenWebhook(ctx, api)
	if diags.HasError() || m.ID.ValueString() != "webhook_1" || m.Environment.ValueString() != "production" || !m.Active.ValueBool() || m.SignatureKey.ValueString() != "k" {
		t.Fatalf("flatten = %+v, %v", m, diags)
	}
	in, diags := expandWebhook(ctx, m)
	if diags.HasError() || in.Name != "n" || in.TargetURL != "https://x.example" || !slices.Equal(in.EventCodes, []string{"dir_sync.all", "sso_saml.all"}) {
		t.Fatalf("expand = %+v, %v", in, diags)
	}
	empty, _ := expandWebhook(ctx, webhookModel{EventCodes: types.SetValueMust(types.StringType, nil)})
	if empty.EventCodes == nil {
		t.Error("no codes must expand to an empty list, which the client sends as event_codes[]=")
	}
}

func TestWebhookCodesAreUnique(t *testing.T) {
	codes := webhookSubscribableCodes()
	sorted := slices.Clone(codes)
	slices.Sort(sorted)
	if len(slices.Compact(sorted)) != len(codes) || len(codes) != 32 {
		t.Fatalf("%d codes, duplicates or a missing one: %v", len(codes), codes)
	}
}

// TestWebhookSignatureKeyIsSensitive: the signature key is sensitive in the
// resource and in both data sources.
func TestWebhookSignatureKeyIsSensitive(t *testing.T) {
	ctx := context.Background()
	var rs resource.SchemaResponse
	NewWebhookResource().Schema(ctx, resource.SchemaRequest{}, &rs)
	if a, ok := rs.Schema.Attributes["signature_key"].(rschema.StringAttribute); !ok || !a.Sensitive || !a.Computed {
		t.Errorf("resource signature_key = %#v", rs.Schema.Attributes["signature_key"])
	}
	var one, list datasource.SchemaResponse
	NewWebhookDataSource().Schema(ctx, datasource.SchemaRequest{}, &one)
	NewWebhooksDataSource().Schema(ctx, datasource.SchemaRequest{}, &list)
	nested := list.Schema.Attributes["webhooks"].(dschema.ListNestedAttribute).NestedObject.Attributes
	for name, attrs := range map[string]map[string]dschema.Attribute{"tenant_cryptr_webhook": one.Schema.Attributes, "tenant_cryptr_webhooks": nested} {
		if a, ok := attrs["signature_key"].(dschema.StringAttribute); !ok || !a.Sensitive {
			t.Errorf("data source %s: signature_key is not sensitive", name)
		}
	}
}
