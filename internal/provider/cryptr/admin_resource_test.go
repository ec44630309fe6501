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

const adminAddr = "tenant_cryptr_admin.it"

// peopleOrg creates an organization through the API, outside Terraform, so
// that a destroy check can see the admins and users go while it stays.
func peopleOrg(t *testing.T, env *acctest.Env, name string) string {
	t.Helper()
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/organizations", url.Values{"name": {name}})
	acctest.MustStatus(t, "create organization", status, body, http.StatusCreated)
	return acctest.JSON(t, body).(map[string]any)["domain"].(string)
}

func adminConfig(domain, email string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_admin" "it" {
  organization_domain = %q
  email               = %q
}
`, domain, email)
}

// adminIsGone checks, through the API, that the organization has no admin with email.
func adminIsGone(t *testing.T, env *acctest.Env, domain string, emails ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, email := range emails {
			if status, body := env.Cryptr(t, http.MethodGet, "/api/v2/org/"+domain+"/admins/"+url.PathEscape(email), nil); status != http.StatusNotFound {
				return fmt.Errorf("admin %s still exists: %d %s", email, status, body)
			}
		}
		return nil
	}
}

func TestAccCryptrAdmin_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := peopleOrg(t, env, "Barker Inc")
	const first, second = "it@barker.co", "security@barker.co"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             adminIsGone(t, env, domain, first, second),
		Steps: []resource.TestStep{
			{ // Create: the invitation timestamps come from the API.
				Config: env.Config(adminConfig(domain, first)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(adminAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(adminAddr, tfjsonpath.New("email"), knownvalue.StringExact(first)),
					statecheck.ExpectKnownValue(adminAddr, tfjsonpath.New("invited_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(adminAddr, tfjsonpath.New("inserted_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(adminAddr, tfjsonpath.New("color"), knownvalue.StringExact("red-500")),
					statecheck.ExpectKnownValue(adminAddr, tfjsonpath.New("accepted_invitation_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue(adminAddr, tfjsonpath.New("declined_to_be_in_charge_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue(adminAddr, tfjsonpath.New("last_login_at"), knownvalue.Null()),
				},
			},
			{ // terraform import by domain/email.
				ResourceName: adminAddr, ImportState: true, ImportStateVerify: true, ImportStateId: domain + "/" + first,
			},
			{ // import {} block, planned with no changes.
				ResourceName: adminAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain + "/" + first, Config: env.Config(adminConfig(domain, first)),
			},
			{ // import {} block with generated configuration, planned with no changes.
				ResourceName: adminAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, GenerateConfig: true,
				ImportStateId: domain + "/" + first, Config: env.Config(adminConfig(domain, first)),
			},
			{ // A new email replaces the admin (the API cannot change one).
				Config: env.Config(adminConfig(domain, second)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(adminAddr, plancheck.ResourceActionReplace),
				}},
				Check: adminIsGone(t, env, domain, first),
			},
			{ // Out-of-band delete: the plan invites the admin again.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodDelete, "/api/v2/org/"+domain+"/admins/"+second, nil)
					acctest.MustStatus(t, "out-of-band delete", status, body, http.StatusOK)
				},
				Config: env.Config(adminConfig(domain, second)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(adminAddr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccCryptrAdmin_validationAndImportErrors(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := peopleOrg(t, env, "Barker Inc")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(adminConfig(domain, "not-an-email")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute email must be an email address`),
			},
			{
				Config:       env.Config(adminConfig(domain, "it@barker.co")),
				ResourceName: adminAddr, ImportState: true, ImportStateId: "it@barker.co",
				ExpectError: regexp.MustCompile(`(?s)expected format\s+"organization_domain/email"`),
			},
			{
				Config:       env.Config(adminConfig(domain, "it@barker.co")),
				ResourceName: adminAddr, ImportState: true, ImportStateId: domain + "/nobody@barker.co",
				ExpectError: regexp.MustCompile(`(?i)cannot import non-existent remote object|no longer exists`),
			},
			{ // The API refuses a second admin with the same email: the error names the attribute.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/admins", url.Values{"email": {"taken@barker.co"}})
					acctest.MustStatus(t, "seed admin", status, body, http.StatusCreated)
				},
				Config:      env.Config(adminConfig(domain, "taken@barker.co")),
				ExpectError: regexp.MustCompile(`(?s)The Cryptr admin already exists.*email:\s+has\s+already\s+been\s+taken.*id = "[^"]+/taken@barker.co"`),
			},
		},
	})
}
