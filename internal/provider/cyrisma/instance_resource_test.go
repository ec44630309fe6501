package cyrisma_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
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

// apiListed reports whether the full listing holds instance id: the
// reference's instances have no status field, and a suspended instance is
// one the listing leaves out.
func apiListed(t *testing.T, env *acctest.Env, id string) bool {
	t.Helper()
	status, body := env.Cyrisma(t, http.MethodGet, "/partner/instances/info", nil)
	acctest.MustStatus(t, "list instances", status, body, http.StatusOK)
	var items []map[string]any
	if err := json.Unmarshal(body, &items); err != nil {
		t.Fatalf("listing: %s", body)
	}
	for _, item := range items {
		if item["instance_id"] == id {
			return true
		}
	}
	return false
}

// apiSuspended reports whether instance id exists and is suspended.
func apiSuspended(t *testing.T, env *acctest.Env, id string) bool {
	t.Helper()
	apiInstance(t, env, id) // exists
	return !apiListed(t, env, id)
}

// instanceSuspended checks that destroy suspended the instance: the API has no delete.
func instanceSuspended(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "tenant_cyrisma_instance" {
				continue
			}
			if !apiSuspended(t, env, rs.Primary.ID) {
				return fmt.Errorf("instance %s not suspended after destroy: still listed", rs.Primary.ID)
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
			{ // import {} block: as Cyrisma does not report country and email, its
				// plan is an in-place update that only records them, nothing else.
				ResourceName: instAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				Config: env.Config(instanceConfig(root, false, false, "none")), ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionUpdate),
					onlyRecords{instAddr, []string{"country", "email"}},
				}},
			},
			{ // Convert to managed, set MFA, suspend: all in place.
				Config: env.Config(instanceConfig(root, true, true, "authenticator")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					inst := apiInstance(t, env, id)
					if inst["is_consulting"] != false || inst["mfa"] != "2" || !apiSuspended(t, env, id) {
						return fmt.Errorf("API state after update: %v, listed: %v", inst, apiListed(t, env, id))
					}
					return nil
				},
			},
			{ // Reactivate and change the MFA method in one update.
				Config: env.Config(instanceConfig(root, true, false, "email")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("suspended"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("mfa_method"), knownvalue.StringExact("email")),
				},
				Check: func(*terraform.State) error {
					if inst := apiInstance(t, env, id); apiSuspended(t, env, id) || inst["mfa"] != "1" {
						return fmt.Errorf("API state after reactivation: %v, listed: %v", inst, apiListed(t, env, id))
					}
					return nil
				},
			},
			{ // Out-of-band suspension and MFA change: the plan shows both and apply reverts them.
				PreConfig: func() {
					status, body := env.Cyrisma(t, http.MethodPatch, "/partner/instances/suspend", url.Values{"instance_id": {id}})
					acctest.MustStatus(t, "out-of-band suspend", status, body, http.StatusOK)
					status, body = env.Cyrisma(t, http.MethodPatch, "/partner/instances/mfa", url.Values{"instance_id": {id}, "mfa_type": {"0"}})
					acctest.MustStatus(t, "out-of-band mfa", status, body, http.StatusOK)
				},
				Config: env.Config(instanceConfig(root, true, false, "email")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(instAddr, tfjsonpath.New("suspended"), knownvalue.Bool(false)),
					plancheck.ExpectKnownValue(instAddr, tfjsonpath.New("mfa_method"), knownvalue.StringExact("email")),
				}},
			},
			{ // The conversion is one way: going back to a trial fails at plan time.
				Config:      env.Config(instanceConfig(root, false, false, "email")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)managed.*one\s+way`),
			},
			{ // A create-only attribute forces a replacement, and the new instance may be a trial.
				Config: env.Config(regexp.MustCompile(`"Contoso"`).ReplaceAllString(instanceConfig(root, false, false, "email"), `"Contoso2"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("managed"), knownvalue.Bool(false)),
				},
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
			{ // The API trims values; surrounding white space is refused up front.
				Config:      env.Config(regexp.MustCompile(`"Contoso"`).ReplaceAllString(instanceConfig(root, true, false, "none"), `"Contoso "`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)short_name.*must not start or end with white space`),
			},
		},
	})
}

func TestAccCyrismaInstance_importUnknown(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        env.Config(instanceConfig(env.Fixtures.CyrismaRootInstanceID, true, false, "none")),
			ResourceName:  instAddr,
			ImportState:   true,
			ImportStateId: "00000000-0000-4000-8000-000000000000",
			ExpectError:   regexp.MustCompile(`(?i)cannot import non-existent remote object`),
		}},
	})
}

// TestAccCyrismaInstance_provisioningTimeout: a create that times out leaves
// the instance in the state (tainted, not taken for gone while Cyrisma
// still provisions it) and says so; the next apply replaces it, suspending
// the first.
//
// It holds under load: the provisioning (8 s) outlasts the 1 s timeout by
// far more than a loaded machine may take between the emulator making the
// instance and the provider starting its wait; and the wait's end is a
// timeout whichever way it comes, the context's deadline or the client's
// rate limiter refusing a poll whose turn would come after it ("rate:
// Wait(n=1) would exceed context deadline", which once lost the guidance).
func TestAccCyrismaInstance_provisioningTimeout(t *testing.T) {
	env := acctest.NewEnvWith(t, emulator.Options{CyrismaProvisioningDelay: 8 * time.Second})
	root := env.Fixtures.CyrismaRootInstanceID
	withTimeout := func(d string) string {
		return strings.Replace(instanceConfig(root, true, false, "none"), "mfa_method", fmt.Sprintf("timeouts {\n    create = %q\n  }\n  mfa_method", d), 1)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             instanceSuspended(t, env),
		Steps: []resource.TestStep{
			{
				Config:      env.Config(withTimeout("1s")),
				ExpectError: regexp.MustCompile(`did\s+not\s+finish\s+within\s+1s\.\s+The\s+object\s+was\s+created\s+and\s+is\s+saved\s+in\s+the\s+state\s+as\s+tainted`),
			},
			{
				Config: env.Config(withTimeout("1m")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(*terraform.State) error {
					// The structure lists the root and one customer: the tainted
					// instance was suspended (hidden), not orphaned.
					status, body := env.Cyrisma(t, http.MethodGet, "/partner/instances/info", nil)
					acctest.MustStatus(t, "list", status, body, http.StatusOK)
					if n := len(acctest.JSON(t, body).([]any)); n != 2 {
						return fmt.Errorf("want the root and one active customer instance, got %d: %s", n, body)
					}
					return nil
				},
			},
		},
	})
}
