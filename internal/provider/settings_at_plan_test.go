package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// wantNamed checks that err names every attribute and environment variable
// of names, and none of absent.
func wantNamed(t *testing.T, what string, err error, names []string, absent ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: want an error naming %v, got none", what, names)
	}
	for _, name := range names {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("%s: the error lacks %s:\n%v", what, name, err)
		}
	}
	for _, name := range absent {
		if strings.Contains(err.Error(), name) {
			t.Errorf("%s: the error names %s:\n%v", what, name, err)
		}
	}
}

func TestBuildNamesEveryMissingSetting(t *testing.T) {
	clearEnv(t)
	_, err := buildCryptr(providerModel{}, sharedForTest())
	wantNamed(t, "Cryptr", err, []string{"cryptr.service_url", envCryptrServiceURL, "cryptr.account_domain", envCryptrAccountDomain,
		"cryptr.client_id", envCryptrClientID, "cryptr.client_secret", envCryptrClientSecret})
	if lines := strings.Count(err.Error(), "\n") + 1; lines != 4 {
		t.Errorf("want one line per missing setting, got %d:\n%v", lines, err)
	}
	_, err = buildCyrisma(providerModel{}, sharedForTest())
	wantNamed(t, "Cyrisma", err, []string{"cyrisma.api_key", envCyrismaAPIKey, "cyrisma.api_secret", envCyrismaAPISecret})
	_, err = buildSynerise(providerModel{}, sharedForTest())
	wantNamed(t, "Synerise", err, []string{"api_key", envSyneriseAPIKey, "username", envSyneriseUsername, "password", envSynerisePassword})

	// The other problems of a service come with them: a bad URL, a bad rate limit.
	t.Setenv(envCyrismaAPIURL, "http://api.cyrisma.example/app")
	t.Setenv(envCyrismaRateLimit, "fast")
	t.Setenv(envCyrismaAPIKey, "k")
	_, err = buildCyrisma(providerModel{}, sharedForTest())
	wantNamed(t, "Cyrisma", err, []string{envCyrismaAPIURL, envCyrismaRateLimit, "cyrisma.api_secret", envCyrismaAPISecret}, envCyrismaAPIKey)

	t.Setenv(envSyneriseUsername, "u")
	t.Setenv(envSyneriseRegion, "mars")
	_, err = buildSynerise(providerModel{}, sharedForTest())
	wantNamed(t, "Synerise", err, []string{envSyneriseRegion, "synerise.password", envSynerisePassword}, envSyneriseUsername)
}

func TestSettingsNotKnownUntilApplyPassThePlan(t *testing.T) {
	clearEnv(t)
	t.Setenv(envCryptrServiceURL, "https://auth.cryptr.eu")
	m := providerModel{Cryptr: &cryptrBlock{ClientID: types.StringUnknown(), ClientSecret: types.StringUnknown(), RateLimit: types.Float64Unknown()}}
	_, err := buildCryptr(m, sharedForTest())
	wantNamed(t, "build", err, []string{"cryptr.account_domain", "cryptr.client_id depends on a value that is not known until apply",
		"cryptr.client_secret depends on", "cryptr.max_requests_per_second depends on"})
	wantNamed(t, "plan", fwkit.KnownAtPlan(err), []string{"cryptr.account_domain", envCryptrAccountDomain}, "client_id", "client_secret", "max_requests_per_second")

	t.Setenv(envCryptrAccountDomain, "acme")
	if _, err := buildCryptr(m, sharedForTest()); err == nil || fwkit.KnownAtPlan(err) != nil {
		t.Fatalf("only values not known until apply are left: the build fails, the plan passes; got %v", err)
	}

	for name, block := range map[string]*syneriseBlock{
		"api_key":         {APIKey: types.StringUnknown()},
		"password":        {Username: types.StringValue("u"), Password: types.StringUnknown()},
		"key and user":    {APIKey: types.StringUnknown(), Username: types.StringValue("u")},
		"api_url, region": {APIURL: types.StringUnknown(), Region: types.StringUnknown(), APIKey: types.StringValue("k")},
	} {
		_, err := buildSynerise(providerModel{Synerise: block}, sharedForTest())
		if err == nil || !strings.Contains(err.Error(), "not known until apply") || fwkit.KnownAtPlan(err) != nil {
			t.Errorf("Synerise, %s not known: want a build error that passes the plan, got %v", name, err)
		}
	}
	_, err = buildSynerise(providerModel{Synerise: &syneriseBlock{Username: types.StringUnknown()}}, sharedForTest())
	wantNamed(t, "Synerise with an unknown username", fwkit.KnownAtPlan(err), []string{"synerise.password", envSynerisePassword}, "synerise.username")
}

// nullObject returns an object of typ whose attributes are all null.
func nullObject(typ tftypes.Type) tftypes.Value {
	obj := typ.(tftypes.Object)
	values := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, t := range obj.AttributeTypes {
		values[name] = tftypes.NewValue(t, nil)
	}
	return tftypes.NewValue(typ, values)
}

// TestEveryResourceChecksItsSettingsAtPlan: every resource of the provider,
// those with their own ModifyPlan too, fails a plan that creates it when
// its service's settings are missing, naming them, and lets a destroy plan
// pass.
func TestEveryResourceChecksItsSettingsAtPlan(t *testing.T) {
	clearEnv(t)
	ctx := context.Background()
	model, shared := providerModel{}, sharedForTest()
	data := &fwkit.ProviderData{
		Cryptr:   fwkit.NewLazyClient("Cryptr", func() (any, error) { return buildCryptr(model, shared) }),
		Cyrisma:  fwkit.NewLazyClient("Cyrisma", func() (any, error) { return buildCyrisma(model, shared) }),
		Synerise: fwkit.NewLazyClient("Synerise", func() (any, error) { return buildSynerise(model, shared) }),
	}
	wants := map[string][]string{
		"cryptr":   {"Cryptr is not configured", envCryptrServiceURL, envCryptrAccountDomain, envCryptrClientID, envCryptrClientSecret},
		"cyrisma":  {"Cyrisma is not configured", envCyrismaAPIKey, envCyrismaAPISecret},
		"synerise": {"Synerise is not configured", envSyneriseAPIKey, envSyneriseUsername, envSynerisePassword},
	}
	resources := (&TenantProvider{}).Resources(ctx)
	if len(resources) < 13 {
		t.Fatalf("want every resource, got %d", len(resources))
	}
	for _, newResource := range resources {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "tenant"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			r.(resource.ResourceWithConfigure).Configure(ctx, resource.ConfigureRequest{ProviderData: data}, &resource.ConfigureResponse{})
			var schema resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &schema)
			typ := schema.Schema.Type().TerraformType(ctx)
			modifier, ok := r.(resource.ResourceWithModifyPlan)
			if !ok {
				t.Fatal("the resource has no ModifyPlan")
			}
			plan := nullObject(typ)
			service, _, _ := strings.Cut(strings.TrimPrefix(meta.TypeName, "tenant_"), "_")
			want, known := wants[service]
			if !known {
				t.Fatalf("unknown service %q", service)
			}

			var created resource.ModifyPlanResponse
			modifier.ModifyPlan(ctx, resource.ModifyPlanRequest{
				Config: tfsdk.Config{Schema: schema.Schema, Raw: plan}, Plan: tfsdk.Plan{Schema: schema.Schema, Raw: plan},
				State: tfsdk.State{Schema: schema.Schema, Raw: tftypes.NewValue(typ, nil)},
			}, &created)
			if !created.Diagnostics.HasError() {
				t.Fatal("a plan that creates it passes with no settings")
			}
			got := created.Diagnostics.Errors()[0]
			for _, w := range want {
				if !strings.Contains(got.Summary()+"\n"+got.Detail(), w) {
					t.Errorf("the error lacks %q:\n%s\n%s", w, got.Summary(), got.Detail())
				}
			}

			var destroyed resource.ModifyPlanResponse
			modifier.ModifyPlan(ctx, resource.ModifyPlanRequest{
				Config: tfsdk.Config{Schema: schema.Schema, Raw: tftypes.NewValue(typ, nil)}, Plan: tfsdk.Plan{Schema: schema.Schema, Raw: tftypes.NewValue(typ, nil)},
				State: tfsdk.State{Schema: schema.Schema, Raw: plan},
			}, &destroyed)
			if destroyed.Diagnostics.HasError() {
				t.Fatalf("a destroy plan fails: %v", destroyed.Diagnostics)
			}
		})
	}
}
