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

const orgAddr = "tenant_cryptr_organization.acme"

func organizationConfig(name string, domains ...string) string {
	list := ""
	for _, d := range domains {
		list += fmt.Sprintf("%q, ", d)
	}
	return fmt.Sprintf(`
resource "tenant_cryptr_organization" "acme" {
  name                  = %q
  allowed_email_domains = [%s]
}
`, name, list)
}

// orgIsDeleted checks, through the API, that the organization is gone.
func orgIsDeleted(t *testing.T, env *acctest.Env, domain string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		status, body := env.Cryptr(t, http.MethodGet, "/api/v2/organizations/"+domain, nil)
		if status == http.StatusNotFound || regexp.MustCompile(`"deleted":\s*true`).Match(body) {
			return nil
		}
		return fmt.Errorf("organization %s still exists: %d %s", domain, status, body)
	}
}

func TestAccCryptrOrganization_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	const domain = "acme-industries"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             orgIsDeleted(t, env, domain),
		Steps: []resource.TestStep{
			{ // Create: waits for provisioning; the domain is derived from the name.
				Config: env.Config(organizationConfig("Acme Industries", "acme.com", "acme.io")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("domain"), knownvalue.StringExact(domain)),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("id"), knownvalue.StringExact(domain)),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("allowed_email_domains"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("acme.com"), knownvalue.StringExact("acme.io")})),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("environments"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("production"), "status": knownvalue.StringExact("up")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("sandbox"), "status": knownvalue.StringExact("up")}),
					})),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("status"), knownvalue.StringExact("terminated")),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("locale"), knownvalue.NotNull()),
				},
			},
			{ // terraform import by domain.
				ResourceName: orgAddr, ImportState: true, ImportStateVerify: true,
				ImportStateId: domain, ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{ // import {} block by domain, planned with no changes.
				ResourceName: orgAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: env.Config(organizationConfig("Acme Industries", "acme.com", "acme.io")),
			},
			{ // Update in place: name and domains change, the domain stays.
				Config: env.Config(organizationConfig("Acme Industries Group", "acme.com")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(orgAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("name"), knownvalue.StringExact("Acme Industries Group")),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("domain"), knownvalue.StringExact(domain)),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("allowed_email_domains"), knownvalue.SetSizeExact(1)),
				},
			},
			{ // Out-of-band change in the console: the plan shows it and apply reverts it.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, "/api/v2/organizations/"+domain, url.Values{"name": {"Renamed In Console"}, "allowed_email_domains[]": {"acme.com", "evil.example"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: env.Config(organizationConfig("Acme Industries Group", "acme.com")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(orgAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(orgAddr, tfjsonpath.New("name"), knownvalue.StringExact("Acme Industries Group")),
				}},
			},
			{ // Out-of-band delete: the plan re-creates the organization.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodDelete, "/api/v2/organizations/"+domain, nil)
					acctest.MustStatus(t, "out-of-band delete", status, body, http.StatusOK)
				},
				Config: env.Config(organizationConfig("Acme Industries Group", "acme.com")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(orgAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("domain"), knownvalue.StringExact("acme-industries-group")),
				},
			},
		},
	})
}

func TestAccCryptrOrganization_planTimeValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(organizationConfig("Acme", "Not A Domain")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)allowed_email_domains.*lowercase\s+domain\s+name`),
			},
			{
				Config:      env.Config(organizationConfig("   ")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)name.*must\s+not\s+be\s+blank`),
			},
		},
	})
}

func TestAccCryptrOrganization_importBadID(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        env.Config(organizationConfig("Nobody")),
			ResourceName:  orgAddr,
			ImportState:   true,
			ImportStateId: "no-such-org",
			ExpectError:   regexp.MustCompile(`(?i)cannot import non-existent remote object|no longer exists`),
		}},
	})
}

// TestAccCryptrOrganization_apiFieldError: the API refuses a second
// organization whose name gives an existing domain; the error quotes the
// API's refusal, names the organization already there and gives its
// import block.
func TestAccCryptrOrganization_apiFieldError(t *testing.T) {
	env := acctest.NewEnv(t)
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/organizations", url.Values{"name": {"Taken Name"}})
	acctest.MustStatus(t, "seed", status, body, http.StatusCreated)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(organizationConfig("Taken Name")),
			ExpectError: regexp.MustCompile(`(?s)The Cryptr organization already exists.*name:\s+has\s+already\s+been\s+taken.*import \{\s+to = tenant_cryptr_organization.<name>\s+id = "taken-name"`),
		}},
	})
}
