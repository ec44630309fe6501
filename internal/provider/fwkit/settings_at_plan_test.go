package fwkit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestKnownAtPlanDropsOnlyValuesNotKnownYet(t *testing.T) {
	missing := errors.New("cryptr.client_id is not set")
	unknown := &NotKnownError{Message: "cryptr.client_secret depends on a value that is not known until apply"}
	if KnownAtPlan(nil) != nil || KnownAtPlan(unknown) != nil || KnownAtPlan(errors.Join(unknown)) != nil {
		t.Fatal("values not known until apply are no error at plan")
	}
	if got := KnownAtPlan(missing); got != missing {
		t.Fatalf("a missing setting is kept, got %v", got)
	}
	got := KnownAtPlan(errors.Join(errors.New("cryptr.service_url is not set"), errors.Join(missing, unknown), fmt.Errorf("wrapped: %w", unknown)))
	if got == nil || got.Error() != "cryptr.service_url is not set\ncryptr.client_id is not set" {
		t.Fatalf("want the two missing settings, one a line, got %q", got)
	}
}

func TestProviderDataServiceFromTypeName(t *testing.T) {
	data := &ProviderData{Cryptr: NewLazyClient("Cryptr", nil), Cyrisma: NewLazyClient("Cyrisma", nil), Synerise: NewLazyClient("Synerise", nil)}
	for suffix, want := range map[string]*LazyClient{
		"cryptr_organization": data.Cryptr, "cryptr_totp_connection": data.Cryptr, "cyrisma_instance": data.Cyrisma,
		"synerise_ip_allowlist": data.Synerise, "other_thing": nil, "": nil,
	} {
		if got := data.Service(suffix); got != want {
			t.Errorf("Service(%q) = %v, want %v", suffix, got, want)
		}
	}
	if (*ProviderData)(nil).Service("cryptr_organization") != nil {
		t.Error("nil data has no service")
	}
}

// planRequest returns a ModifyPlanRequest of a one-attribute object going
// from state to plan (nil meaning no object).
func planRequest(state, plan *string) resource.ModifyPlanRequest {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}}
	value := func(s *string) tftypes.Value {
		if s == nil {
			return tftypes.NewValue(typ, nil)
		}
		return tftypes.NewValue(typ, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, *s)})
	}
	return resource.ModifyPlanRequest{State: tfsdk.State{Raw: value(state)}, Plan: tfsdk.Plan{Raw: value(plan)}}
}

func TestCheckSettingsAtPlan(t *testing.T) {
	a, b := "a", "b"
	missing := NewLazyClient("Cryptr", func() (any, error) {
		return nil, errors.Join(errors.New("cryptr.client_id is not set: set client_id in the provider's cryptr block or the CRYPTR_CLIENT_ID environment variable"),
			errors.New("cryptr.client_secret is not set: set client_secret in the provider's cryptr block or the CRYPTR_CLIENT_SECRET environment variable"))
	})
	notKnown := NewLazyClient("Cryptr", func() (any, error) {
		return nil, errors.Join(&NotKnownError{Message: "cryptr.client_secret depends on a value that is not known until apply"})
	})
	configured := NewLazyClient("Cryptr", func() (any, error) { return &strings.Builder{}, nil })
	cases := []struct {
		name        string
		lazy        *LazyClient
		state, plan *string
		wantError   bool
	}{
		{name: "create", lazy: missing, plan: &a, wantError: true},
		{name: "update", lazy: missing, state: &a, plan: &b, wantError: true},
		{name: "no change", lazy: missing, state: &a, plan: &a},
		{name: "destroy", lazy: missing, state: &a},
		{name: "create with a value not known yet", lazy: notKnown, plan: &a},
		{name: "create, configured", lazy: configured, plan: &a},
		{name: "no provider data", plan: &a},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			CheckSettingsAtPlan(tc.lazy, planRequest(tc.state, tc.plan), &diags)
			if !tc.wantError {
				if diags.HasError() {
					t.Fatalf("unexpected %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Summary() != "Cryptr is not configured" {
				t.Fatalf("want one error, Cryptr is not configured; got %v", diags)
			}
			for _, want := range []string{"cryptr.client_id", "CRYPTR_CLIENT_ID", "cryptr.client_secret", "CRYPTR_CLIENT_SECRET", "This plan creates or changes this Cryptr object"} {
				if !strings.Contains(diags[0].Detail(), want) {
					t.Errorf("the detail lacks %q: %s", want, diags[0].Detail())
				}
			}
		})
	}
}

func TestResourceBaseModifyPlanChecksItsService(t *testing.T) {
	fail := func(service string) *LazyClient {
		return NewLazyClient(service, func() (any, error) { return nil, errors.New(strings.ToLower(service) + ".api_key is not set") })
	}
	data := &ProviderData{Cryptr: fail("Cryptr"), Cyrisma: fail("Cyrisma"), Synerise: fail("Synerise")}
	a := "a"
	for suffix, want := range map[string]string{"cryptr_webhook": "Cryptr", "cyrisma_user": "Cyrisma", "synerise_ip_allowlist": "Synerise"} {
		base := &ResourceBase{TypeSuffix: suffix, Data: data}
		var resp resource.ModifyPlanResponse
		base.ModifyPlan(context.Background(), planRequest(nil, &a), &resp)
		if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != want+" is not configured" {
			t.Errorf("%s: want %s is not configured, got %v", suffix, want, resp.Diagnostics)
		}
	}
	var resp resource.ModifyPlanResponse
	(&ResourceBase{TypeSuffix: "cryptr_webhook"}).ModifyPlan(context.Background(), planRequest(nil, &a), &resp)
	if resp.Diagnostics.HasError() {
		t.Errorf("a resource not configured yet plans: %v", resp.Diagnostics)
	}
}

func TestWarnNotDeleted(t *testing.T) {
	var diags diag.Diagnostics
	WarnNotDeleted(&diags, NotDeleted{
		Kind: "Cyrisma instance", Done: "suspended", Object: `instance 9a1c ("Contoso")`,
		Why: "the Cyrisma API has no call to delete an instance", Remains: "It remains at Cyrisma, suspended.",
	})
	if len(diags) != 1 || diags.HasError() || diags[0].Summary() != "Cyrisma instance suspended, not deleted" {
		t.Fatalf("want one warning, got %v", diags)
	}
	want := `Destroy suspended instance 9a1c ("Contoso") instead of deleting it: the Cyrisma API has no call to delete an instance. It remains at Cyrisma, suspended.` +
		"\n\nTerraform no longer manages it. The provider's \"Destroy behaviour\" guide says how to manage it again."
	if diags[0].Detail() != want {
		t.Fatalf("detail:\n%s\nwant:\n%s", diags[0].Detail(), want)
	}
}
