package cyrisma_test

import (
	"encoding/json"
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

const instAddr = "tenant_cyrisma_instance.customer"

func instanceConfig(parent string, managed, suspended bool, mfa string) string {
	return fmt.Sprintf(`
resource "tenant_cyrisma_instance" "customer" {
  parent_instance_id = %q
  instance_type      = "standard"
  name               = "Contoso Ltd"
  short_name         = "Contoso"
  country            = "US"
  email              = "it@contoso.example"
  managed            = %t
  suspended          = %t
  mfa_method         = %q
}
`, parent, managed, suspended, mfa)
}

// apiInstance reads an instance through the API, suspended ones included.
func apiInstance(t *testing.T, env *acctest.Env, id string) map[string]any {
	t.Helper()
	status, body := env.Cyrisma(t, http.MethodGet, "/partner/instances/info/"+id, nil)
	acctest.MustStatus(t, "read instance", status, body, http.StatusOK)
	var items []map[string]any
	if err := json.Unmarshal(body, &items); err != nil || len(items) != 1 {
		t.Fatalf("instance %s: %s", id, body)
	}
	return items[0]
}

// instanceSuspended checks that destroy suspended the instance: the API has no delete.
func instanceSuspended(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "tenant_cyrisma_instance" {
				continue
			}
			if enabled := apiInstance(t, env, rs.Primary.ID)["enabled"]; enabled != float64(0) {
				return fmt.Errorf("instance %s not suspended after destroy: enabled=%v", rs.Primary.ID, enabled)
			}
		}
		return nil
	}
}

func TestAccCyrismaInstance_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	root := env.Fixtures.CyrismaRootInstanceID
	var id string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             instanceSuspended(t, env),
		Steps: []resource.TestStep{
			{ // Provision a trial, wait until readable.
				Config: env.Config(instanceConfig(root, false, false, "none")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("managed"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("url"), knownvalue.StringRegexp(regexp.MustCompile(`^cc\d{6}\.cyrisma\.com$`))),
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("agent_key"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{32}$`))),
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("parent_instance_id"), knownvalue.StringExact(root)),
				},
				Check: resource.TestCheckResourceAttrWith(instAddr, "id", func(v string) error { id = v; return nil }),
			},
			{ // terraform import by ID; country and email are not reported by the API.
				ResourceName: instAddr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts", "country", "email"},
			},
			{ // Convert to managed, set MFA, suspend: all in place.
				Config: env.Config(instanceConfig(root, true, true, "authenticator")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					inst := apiInstance(t, env, id)
					if inst["is_consulting"] != false || inst["mfa"] != "2" || inst["enabled"] != float64(0) {
						return fmt.Errorf("API state after update: %v", inst)
					}
					return nil
				},
			},
			{ // Reactivate in place.
				Config: env.Config(instanceConfig(root, true, false, "authenticator")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("suspended"), knownvalue.Bool(false)),
				},
			},
			{ // Out-of-band suspension and MFA change: the plan shows both and apply reverts them.
				PreConfig: func() {
					status, body := env.Cyrisma(t, http.MethodPatch, "/partner/instances/suspend", url.Values{"instance_id": {id}})
					acctest.MustStatus(t, "out-of-band suspend", status, body, http.StatusOK)
					status, body = env.Cyrisma(t, http.MethodPatch, "/partner/instances/mfa", url.Values{"instance_id": {id}, "mfa_type": {"1"}})
					acctest.MustStatus(t, "out-of-band mfa", status, body, http.StatusOK)
				},
				Config: env.Config(instanceConfig(root, true, false, "authenticator")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(instAddr, tfjsonpath.New("suspended"), knownvalue.Bool(false)),
				}},
			},
			{ // The conversion is one way: going back to a trial fails at plan time.
				Config:      env.Config(instanceConfig(root, false, false, "authenticator")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)managed.*one\s+way`),
			},
			{ // A create-only attribute forces a replacement.
				Config: env.Config(regexp.MustCompile(`"Contoso"`).ReplaceAllString(instanceConfig(root, true, false, "authenticator"), `"Contoso2"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
		},
	})
}

func TestAccCyrismaInstance_planTimeValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	root := env.Fixtures.CyrismaRootInstanceID
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(`
resource "tenant_cyrisma_instance" "org" {
  parent_instance_id = %q
  instance_type      = "organization"
  name               = "Sub Org"
  short_name         = "Sub"
  country            = "US"
  email              = "ops@example.com"
  managed            = false
}`, root)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Organizations cannot be trials.*managed\s+=\s+false`),
			},
			{
				Config:      env.Config(regexp.MustCompile(`"authenticator"`).ReplaceAllString(instanceConfig(root, true, false, "authenticator"), `"sms"`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)mfa_method.*value must be one of`),
			},
		},
	})
}
