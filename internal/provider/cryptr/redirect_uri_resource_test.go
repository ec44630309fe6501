package cryptr_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const redirectAddr = "tenant_cryptr_redirect_uri.app"

func redirectConfig(name, uri string, isDefault bool) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_redirect_uri" %q {
  uri     = %q
  default = %t
}
`, name, uri, isDefault)
}

// redirectIDOf returns the id of a resource in the state.
func redirectIDOf(s *terraform.State, addr string) string {
	if rs, ok := s.RootModule().Resources[addr]; ok {
		return rs.Primary.ID
	}
	return ""
}

// redirectsAreDeleted checks, through the API, that the sandbox has no
// redirect URI left.
func redirectsAreDeleted(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		status, body := env.Cryptr(t, http.MethodGet, "/api/v2/redirect-uris", nil)
		if status != http.StatusOK || acctest.JSON(t, body).(map[string]any)["total"] != float64(0) {
			return fmt.Errorf("redirect URIs left after destroy: %d %s", status, body)
		}
		return nil
	}
}

func TestAccCryptrRedirectURI_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	created := env.Config(redirectConfig("app", "https://app.example.com/callback", true))
	updated := env.Config(redirectConfig("app", "com.example.app:/oauth2redirect", false))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             redirectsAreDeleted(t, env),
		Steps: []resource.TestStep{
			{
				Config: created,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(redirectAddr, tfjsonpath.New("environment"), knownvalue.StringExact("sandbox")),
					statecheck.ExpectKnownValue(redirectAddr, tfjsonpath.New("default"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(redirectAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
				},
				Check: func(s *terraform.State) error { id = redirectIDOf(s, redirectAddr); return nil },
			},
			{ // terraform import by id.
				ResourceName: redirectAddr, ImportState: true, ImportStateVerify: true,
			},
			{ // import {} block by id, planned with no changes.
				ResourceName: redirectAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, Config: created,
			},
			{ // terraform plan -generate-config-out writes configuration that plans with no changes.
				ResourceName: redirectAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig: true, Config: env.Config(),
			},
			{ // Update in place: the URI and the default flag.
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(redirectAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(redirectAddr, tfjsonpath.New("uri"), knownvalue.StringExact("com.example.app:/oauth2redirect")),
					statecheck.ExpectKnownValue(redirectAddr, tfjsonpath.New("default"), knownvalue.Bool(false)),
				},
			},
			{ // Out-of-band change: the plan shows it and apply reverts it.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, "/api/v2/redirect-uris/"+id, url.Values{"uri": {"https://evil.example.com/cb"}, "default": {"true"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(redirectAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(redirectAddr, tfjsonpath.New("uri"), knownvalue.StringExact("com.example.app:/oauth2redirect")),
				}},
			},
			{ // Out-of-band delete: the plan creates it again.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodDelete, "/api/v2/redirect-uris/"+id, nil)
					acctest.MustStatus(t, "out-of-band delete", status, body, http.StatusOK)
				},
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(redirectAddr, plancheck.ResourceActionCreate),
				}},
				Check: func(s *terraform.State) error {
					if redirectIDOf(s, redirectAddr) == id {
						return fmt.Errorf("the id did not change")
					}
					return nil
				},
			},
		},
	})
}

// TestAccCryptrRedirectURI_moveDefault: the default moves from one resource
// to another in one apply, whatever the order of the updates, and the two
// are destroyed together although the API refuses to delete a default
// while others exist.
func TestAccCryptrRedirectURI_moveDefault(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             redirectsAreDeleted(t, env),
		Steps: []resource.TestStep{
			{Config: env.Config(redirectConfig("a", "https://a.example.com/cb", true), redirectConfig("b", "https://b.example.com/cb", false))},
			{
				Config: env.Config(redirectConfig("a", "https://a.example.com/cb", false), redirectConfig("b", "https://b.example.com/cb", true)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("tenant_cryptr_redirect_uri.a", tfjsonpath.New("default"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("tenant_cryptr_redirect_uri.b", tfjsonpath.New("default"), knownvalue.Bool(true)),
				},
			},
		},
	})
}

// TestAccCryptrRedirectURI_production: through a provider with the
// production key, the URI lives in production and the sandbox key does not
// see it. The configuration uses only the aliased provider: in-process
// acceptance tests serve every provider configuration from one provider
// server, whose last configuration wins, so a test cannot mix two keys.
func TestAccCryptrRedirectURI_production(t *testing.T) {
	env := acctest.NewEnv(t)
	const prod = "tenant_cryptr_redirect_uri.prod"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			production := url.Values{"uri": {"https://app.example.com/callback"}}
			status, body := env.Cryptr(t, http.MethodPost, "/api/v2/redirect-uris", production)
			if status != http.StatusCreated {
				return fmt.Errorf("the sandbox could not create the URI after the production one was destroyed: %d %s", status, body)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: env.ProductionProviderBlock("production") + `
resource "tenant_cryptr_redirect_uri" "prod" {
  provider = tenant.production
  uri      = "https://app.example.com/callback"
  default  = true
}
data "tenant_cryptr_redirect_uris" "production" {
  provider   = tenant.production
  depends_on = [tenant_cryptr_redirect_uri.prod]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(prod, tfjsonpath.New("environment"), knownvalue.StringExact("production")),
				statecheck.ExpectKnownValue("data.tenant_cryptr_redirect_uris.production", tfjsonpath.New("redirect_uris"), knownvalue.ListSizeExact(1)),
			},
			Check: func(s *terraform.State) error {
				status, body := env.Cryptr(t, http.MethodGet, "/api/v2/redirect-uris/"+redirectIDOf(s, prod), nil)
				if status != http.StatusNotFound {
					return fmt.Errorf("the sandbox key sees the production URI: %d %s", status, body)
				}
				return nil
			},
		}},
	})
}

func TestAccCryptrRedirectURI_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/redirect-uris", url.Values{"uri": {"https://taken.example.com/cb"}})
	acctest.MustStatus(t, "seed", status, body, http.StatusCreated)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(redirectConfig("app", "/relative/callback", false)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)uri.*must\s+be\s+an\s+absolute\s+URI`),
			},
			{
				Config:      env.Config(redirectConfig("app", "https://app.example.com/cb#section", false)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)uri.*absolute\s+URI`),
			},
			{ // The API's uniqueness error lands on the uri attribute.
				Config:      env.Config(redirectConfig("app", "https://taken.example.com/cb", false)),
				ExpectError: regexp.MustCompile(`(?s)The Cryptr redirect URI already exists.*uri:\s+has\s+already\s+been\s+taken.*to = tenant_cryptr_redirect_uri.<name>`),
			},
			{ // Import of an unknown id.
				Config:        env.Config(redirectConfig("app", "https://other.example.com/cb", false)),
				ResourceName:  redirectAddr,
				ImportState:   true,
				ImportStateId: "00000000-0000-4000-8000-000000000000",
				ExpectError:   regexp.MustCompile(`(?i)cannot import non-existent remote object|no longer exists`),
			},
		},
	})
}
