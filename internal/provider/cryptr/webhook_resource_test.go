package cryptr_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const webhookAddr = "tenant_cryptr_webhook.audit"

var signatureKeyPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{128}$`)

func webhookConfig(name, target string, codes ...string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_webhook" "audit" {
  name        = %q
  target_url  = %q
  event_codes = ["%s"]
}
`, name, target, strings.Join(codes, `", "`))
}

// webhooksAreDeleted checks, through the API, that every webhook of the
// state is gone.
func webhooksAreDeleted(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "tenant_cryptr_webhook" {
				continue
			}
			if status, body := env.Cryptr(t, http.MethodGet, "/api/v2/webhooks/"+rs.Primary.ID, nil); status != http.StatusNotFound {
				return fmt.Errorf("webhook %s still exists: %d %s", rs.Primary.ID, status, body)
			}
		}
		return nil
	}
}

// captureID records the resource's id in *dst; check, when set, compares
// it with the id recorded before (sameID, newID).
func captureID(dst *string, check func(prev, cur string) error) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(webhookAddr, "id", func(v string) error {
		prev := *dst
		*dst = v
		if check != nil {
			return check(prev, v)
		}
		return nil
	})
}

func sameID(prev, cur string) error {
	if prev != cur {
		return fmt.Errorf("the webhook was replaced (%s → %s), want an in-place update", prev, cur)
	}
	return nil
}

func newID(prev, cur string) error {
	if prev == cur {
		return fmt.Errorf("the webhook %s was kept, want a new one", cur)
	}
	return nil
}

func TestAccCryptrWebhook_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	importID := func(*terraform.State) (string, error) { return id, nil }
	updated := env.Config(webhookConfig("Audit", "https://hooks.example.com/v2", "all"))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             webhooksAreDeleted(t, env),
		Steps: []resource.TestStep{
			{ // Create in the API key's environment.
				Config: env.Config(webhookConfig("Audit", "https://hooks.example.com/cryptr", "dir_sync.user.provision.success", "sso_saml.all")),
				Check:  captureID(&id, nil),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^webhook_\w{27}$`))),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("environment"), knownvalue.StringExact("sandbox")),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("signature_key"), knownvalue.StringRegexp(signatureKeyPattern)),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("event_codes"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("dir_sync.user.provision.success"), knownvalue.StringExact("sso_saml.all"),
					})),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("inserted_at"), knownvalue.NotNull()),
				},
			},
			{ // terraform import by id, signature key included.
				ResourceName: webhookAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importID,
			},
			{ // import {} block by id, planned with no changes.
				ResourceName: webhookAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: importID,
				Config: env.Config(webhookConfig("Audit", "https://hooks.example.com/cryptr", "dir_sync.user.provision.success", "sso_saml.all")),
			},
			{ // import {} with terraform plan -generate-config-out: the generated configuration plans with no changes.
				ResourceName: webhookAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: importID,
				GenerateConfig: true, Config: env.Config(),
			},
			{ // target_url and event_codes change in place.
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate),
				}},
				Check: captureID(&id, sameID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("target_url"), knownvalue.StringExact("https://hooks.example.com/v2")),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("event_codes"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("all")})),
				},
			},
			{ // A change in the console shows as a diff; apply reverts it.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, "/api/v2/webhooks/"+id, url.Values{
						"target_url": {"https://evil.example.com"}, "event_codes[]": {"dir_sync.all"},
					})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("target_url"), knownvalue.StringExact("https://hooks.example.com/v2")),
				}},
				Check: resource.ComposeTestCheckFunc(captureID(&id, sameID), func(*terraform.State) error {
					_, body := env.Cryptr(t, http.MethodGet, "/api/v2/webhooks/"+id, nil)
					if !strings.Contains(string(body), `"target_url":"https://hooks.example.com/v2"`) {
						return fmt.Errorf("apply did not revert the console change: %s", body)
					}
					return nil
				}),
			},
			{ // The API cannot rename a webhook: a new name replaces it.
				Config: env.Config(webhookConfig("Audit trail", "https://hooks.example.com/v2", "all")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionReplace),
				}},
				Check: captureID(&id, newID),
			},
			{ // Deleted in the console: the plan creates it again.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodDelete, "/api/v2/webhooks/"+id, nil)
					acctest.MustStatus(t, "out-of-band delete", status, body, http.StatusOK)
				},
				Config: env.Config(webhookConfig("Audit trail", "https://hooks.example.com/v2", "all")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionCreate),
				}},
				Check: captureID(&id, newID),
			},
		},
	})
}

// TestAccCryptrWebhook_production: a webhook declared through a provider
// configured with the production key lives in production, where the
// sandbox key does not see it.
func TestAccCryptrWebhook_production(t *testing.T) {
	env := acctest.NewEnv(t)
	config := env.ProductionProviderBlock("production") + `
resource "tenant_cryptr_webhook" "audit" {
  provider    = tenant.production
  name        = "Production audit"
  target_url  = "https://hooks.example.com/prod"
  event_codes = ["dir_sync.all"]
}

data "tenant_cryptr_webhooks" "production" {
  provider   = tenant.production
  depends_on = [tenant_cryptr_webhook.audit]
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("environment"), knownvalue.StringExact("production")),
				statecheck.ExpectKnownValue("data.tenant_cryptr_webhooks.production", tfjsonpath.New("webhooks"), knownvalue.ListSizeExact(1)),
			},
			Check: func(*terraform.State) error {
				_, body := env.Cryptr(t, http.MethodGet, "/api/v2/webhooks", nil)
				if !strings.Contains(string(body), `"total":0`) {
					return fmt.Errorf("the sandbox key sees the production webhook: %s", body)
				}
				return nil
			},
		}},
	})
}

func TestAccCryptrWebhook_planTimeValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(webhookConfig("Audit", "hooks.example.com/cryptr", "all")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid URL.*target_url.*absolute\s+http://\s+or\s+https://`),
			},
			{
				Config:      env.Config(webhookConfig("Audit", "ftp://hooks.example.com", "all")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)target_url.*scheme\s+must\s+be\s+http\s+or\s+https`),
			},
			{
				Config:      env.Config(webhookConfig("Audit", "https://hooks.example.com", "all", "user.created")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)event_codes.*user\.created.*value must be one of`),
			},
			{
				Config: env.Config(`
resource "tenant_cryptr_webhook" "audit" {
  name        = "Audit"
  target_url  = "https://x.example"
  event_codes = []
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)event_codes.*at\s+least\s+1`),
			},
			{
				Config:      env.Config(webhookConfig("  ", "https://hooks.example.com", "all")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)name.*must\s+not\s+be\s+blank`),
			},
		},
	})
}

func TestAccCryptrWebhook_importUnknown(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        env.Config(webhookConfig("Audit", "https://hooks.example.com", "all")),
			ResourceName:  webhookAddr,
			ImportState:   true,
			ImportStateId: "webhook_doesnotexist",
			ExpectError:   regexp.MustCompile(`(?i)cannot import non-existent remote object|no longer exists`),
		}},
	})
}
