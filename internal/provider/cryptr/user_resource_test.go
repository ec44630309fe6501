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

const userAddr = "tenant_cryptr_user.lyla"

func userConfig(domain, body string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_user" "lyla" {
  organization_domain = %q
%s
}
`, domain, body)
}

const userCreateBody = `
  email        = "lyla@loirama.co"
  phone_number = "+33123456789"
  profile = {
    given_name  = "Lyla"
    family_name = "Bloggs"
    gender      = "female"
    birthdate   = "1992-03-10"
  }
  address = {
    locality = "Lille"
    country  = "FR"
  }
  metadata = {
    uid  = "2fa42937"
    team = "blue"
  }
`

// The update changes the email, drops the phone number and the address,
// changes and adds profile fields, and changes, adds and removes metadata.
const userUpdateBody = `
  email = "lyla.bloggs@loirama.co"
  profile = {
    given_name = "Lyla"
    nickname   = "lylaB"
    website    = "https://lyla.example.com"
  }
  metadata = {
    team       = "green"
    cost_center = "42"
  }
`

// userID returns the id of the organization's user with email, read through the API.
func userID(t *testing.T, env *acctest.Env, domain, email string) string {
	t.Helper()
	status, body := env.Cryptr(t, http.MethodGet, "/api/v2/org/"+domain+"/users/"+url.PathEscape(email), nil)
	acctest.MustStatus(t, "find user", status, body, http.StatusOK)
	return acctest.JSON(t, body).(map[string]any)["id"].(string)
}

// usersAreGone checks, through the API, that the organization has no user left.
func usersAreGone(t *testing.T, env *acctest.Env, domain string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		status, body := env.Cryptr(t, http.MethodGet, "/api/v2/org/"+domain+"/users", nil)
		if status != http.StatusOK || acctest.JSON(t, body).(map[string]any)["total"] != float64(0) {
			return fmt.Errorf("users remain: %d %s", status, body)
		}
		return nil
	}
}

func importUserID(domain string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		return domain + "/" + s.RootModule().Resources[userAddr].Primary.ID, nil
	}
}

func TestAccCryptrUser_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := peopleOrg(t, env, "Loirama")
	metadata := func(kv map[string]string) knownvalue.Check {
		checks := map[string]knownvalue.Check{}
		for k, v := range kv {
			checks[k] = knownvalue.StringExact(v)
		}
		return knownvalue.MapExact(checks)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             usersAreGone(t, env, domain),
		Steps: []resource.TestStep{
			{ // Create, with nested profile and address and two metadata keys.
				Config: env.Config(userConfig(domain, userCreateBody)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("environment"), knownvalue.StringExact("sandbox")),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("profile").AtMapKey("given_name"), knownvalue.StringExact("Lyla")),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("profile").AtMapKey("nickname"), knownvalue.Null()),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("address").AtMapKey("country"), knownvalue.StringExact("FR")),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("metadata"), metadata(map[string]string{"uid": "2fa42937", "team": "blue"})),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("email_verified"), knownvalue.Bool(false)),
				},
			},
			{ // terraform import by domain/id.
				ResourceName: userAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importUserID(domain),
			},
			{ // import {} block, planned with no changes.
				ResourceName: userAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: importUserID(domain), Config: env.Config(userConfig(domain, userCreateBody)),
			},
			{ // import {} block with generated configuration, planned with no changes.
				ResourceName: userAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, GenerateConfig: true,
				ImportStateIdFunc: importUserID(domain), Config: env.Config(userConfig(domain, userCreateBody)),
			},
			{ // Update in place, metadata included.
				Config: env.Config(userConfig(domain, userUpdateBody)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("email"), knownvalue.StringExact("lyla.bloggs@loirama.co")),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("phone_number"), knownvalue.Null()),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("address"), knownvalue.Null()),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("profile").AtMapKey("family_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("profile").AtMapKey("nickname"), knownvalue.StringExact("lylaB")),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("metadata"), metadata(map[string]string{"team": "green", "cost_center": "42"})),
				},
			},
			{ // Out-of-band changes in the console (profile and metadata): the plan shows them and apply reverts them.
				PreConfig: func() {
					path := "/api/v2/org/" + domain + "/users/" + userID(t, env, domain, "lyla.bloggs@loirama.co")
					status, body := env.Cryptr(t, http.MethodPut, path, url.Values{"email": {"lyla.bloggs@loirama.co"}, "profile[given_name]": {"Changed"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
					status, body = env.Cryptr(t, http.MethodPut, path+"/add-metadata", url.Values{"key": {"team"}, "value": {"red"}})
					acctest.MustStatus(t, "out-of-band metadata change", status, body, http.StatusOK)
					status, body = env.Cryptr(t, http.MethodPut, path+"/add-metadata", url.Values{"key": {"intruder"}, "value": {"x"}})
					acctest.MustStatus(t, "out-of-band metadata key", status, body, http.StatusOK)
				},
				Config: env.Config(userConfig(domain, userUpdateBody)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(userAddr, tfjsonpath.New("profile").AtMapKey("given_name"), knownvalue.StringExact("Lyla")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("profile").AtMapKey("given_name"), knownvalue.StringExact("Lyla")),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("metadata"), metadata(map[string]string{"team": "green", "cost_center": "42"})),
				},
			},
			{ // Out-of-band delete: the plan re-creates the user.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodDelete, "/api/v2/org/"+domain+"/users/"+userID(t, env, domain, "lyla.bloggs@loirama.co"), nil)
					acctest.MustStatus(t, "out-of-band delete", status, body, http.StatusOK)
				},
				Config: env.Config(userConfig(domain, userUpdateBody)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionCreate),
				}},
			},
			{ // Empty profile object and metadata map stay stable (no diff against the API's nulls).
				Config: env.Config(userConfig(domain, `
  email    = "lyla.bloggs@loirama.co"
  profile  = {}
  address  = {}
  metadata = {}
`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("metadata"), knownvalue.MapSizeExact(0)),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("address").AtMapKey("country"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccCryptrUser_productionEnvironment(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := peopleOrg(t, env, "Loirama")
	config := env.ProductionProviderBlock("production") + fmt.Sprintf(`
resource "tenant_cryptr_user" "prod" {
  provider            = tenant.production
  organization_domain = %q
  email               = "lyla@loirama.co"
}
`, domain)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("tenant_cryptr_user.prod", tfjsonpath.New("environment"), knownvalue.StringExact("production")),
			},
			// The sandbox key does not see production users.
			Check: usersAreGone(t, env, domain),
		}},
	})
}

func TestAccCryptrUser_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := peopleOrg(t, env, "Loirama")
	steps := []resource.TestStep{}
	for body, want := range map[string]string{
		`email = "lyla"`: `Attribute email must be an email address`,
		`email = "lyla@loirama.co"
  phone_number = "+33 1 23 45 67 89"`: `Attribute phone_number must be in E.164 format`,
		`email = "lyla@loirama.co"
  profile = { gender = "other" }`: `Attribute profile.gender value must be one of`,
		`email = "lyla@loirama.co"
  profile = { birthdate = "10/03/1992" }`: `Attribute profile.birthdate must be a date in YYYY-MM-DD`,
		`email = "lyla@loirama.co"
  profile = { picture = "avatar.jpeg" }`: `Attribute profile.picture must be an absolute http`,
		`email = "lyla@loirama.co"
  address = { country = "" }`: `Attribute address.country string length must be at least 1`,
		`email = "lyla@loirama.co"
  metadata = { uid = "" }`: `Attribute metadata\["uid"\] string length must be at least 1`,
	} {
		steps = append(steps, resource.TestStep{
			Config: env.Config(userConfig(domain, body)), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)` + regexp.MustCompile(`\s+`).ReplaceAllString(want, `\s+`)),
		})
	}
	steps = append(steps,
		resource.TestStep{ // A metadata key that is not a declared metakey fails the apply, on that key.
			Config: env.Config(userConfig(domain, `email = "meta@loirama.co"
  metadata = { "Not Declared" = "x" }`)),
			ExpectError: regexp.MustCompile(`(?s)Could not set the Cryptr user.s metadata.*metadata = \{ "Not Declared".*"Not Declared" is not\s+declared`),
		},
		resource.TestStep{
			Config: env.Config(userConfig(domain, `email = "lyla@loirama.co"`)), ResourceName: userAddr, ImportState: true,
			ImportStateId: "just-an-id", ExpectError: regexp.MustCompile(`(?s)expected format\s+"organization_domain/id"`),
		},
	)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})
}
