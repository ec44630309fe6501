package cryptr_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const dirSyncAddr = "tenant_cryptr_directory_sync.scim"

func dirSyncConfig(domain, extra string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_directory_sync" "scim" {
  organization_domain = %q
  %s
}
`, domain, extra)
}

func TestAccCryptrDirectorySync_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Barker Inc")
	path := "/api/v2/org/" + domain + "/directory-sync"
	tokenKept := statecheck.CompareValue(compare.ValuesSame())
	tokenRotated := statecheck.CompareValue(compare.ValuesDiffer())
	newTokenKept := statecheck.CompareValue(compare.ValuesSame())
	token := tfjsonpath.New("scim_token")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		// Destroy deactivates: the API has no delete.
		CheckDestroy: connExpect(t, env, false, path, map[string]any{"active": false}),
		Steps: []resource.TestStep{
			{ // Create: the token of the creation answer is kept.
				Config: env.Config(dirSyncConfig(domain, "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dirSyncAddr, tfjsonpath.New("environment"), knownvalue.StringExact("sandbox")),
					statecheck.ExpectKnownValue(dirSyncAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(dirSyncAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(dirSyncAddr, tfjsonpath.New("provider_type"), knownvalue.Null()),
					statecheck.ExpectSensitiveValue(dirSyncAddr, token),
					statecheck.ExpectKnownValue(dirSyncAddr, token, knownvalue.StringRegexp(regexp.MustCompile(`^barker-inc\.sandbox\.`))),
					tokenKept.AddStateValue(dirSyncAddr, token),
					tokenRotated.AddStateValue(dirSyncAddr, token),
				},
			},
			{ // Refreshes (the API answers "hidden") keep the token; nothing to change.
				RefreshState: true,
			},
			{
				Config:           env.Config(dirSyncConfig(domain, "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					tokenKept.AddStateValue(dirSyncAddr, token),
				},
			},
			{ // terraform import by organization domain: the token cannot be read back.
				ResourceName: dirSyncAddr, ImportState: true, ImportStateVerify: true, ImportStateId: domain,
				ImportStateVerifyIgnore: []string{"scim_token"},
				ImportStateCheck:        connImportedNull("scim_token"),
			},
			{ // import {} block, planned with no changes.
				ResourceName: dirSyncAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: env.Config(dirSyncConfig(domain, "")),
			},
			{ // Generated configuration plans with no changes.
				ResourceName: dirSyncAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: env.Config(), GenerateConfig: true,
			},
			{ // Update in place: deactivate; the token stays.
				Config: env.Config(dirSyncConfig(domain, "active = false")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dirSyncAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dirSyncAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
					tokenKept.AddStateValue(dirSyncAddr, token),
				},
			},
			{ // Out-of-band activation in the console: the plan shows it and apply reverts it.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, path, url.Values{"active": {"true"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: env.Config(dirSyncConfig(domain, "active = false")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dirSyncAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(dirSyncAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				}},
				Check: connExpect(t, env, false, path, map[string]any{"active": false}),
			},
			{ // token_rotation resets the token and stores the new one.
				Config: env.Config(dirSyncConfig(domain, "active = false\n  token_rotation = \"2025-01\"")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dirSyncAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(dirSyncAddr, token),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					tokenRotated.AddStateValue(dirSyncAddr, token),
					newTokenKept.AddStateValue(dirSyncAddr, token),
					statecheck.ExpectKnownValue(dirSyncAddr, token, knownvalue.StringRegexp(regexp.MustCompile(`^barker-inc\.sandbox\.`))),
					statecheck.ExpectKnownValue(dirSyncAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				},
			},
			{ // Removing token_rotation does not reset the token again.
				Config: env.Config(dirSyncConfig(domain, "active = false")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(dirSyncAddr, token, knownvalue.StringRegexp(regexp.MustCompile(`^barker-inc\.sandbox\.`))),
				}},
				ConfigStateChecks: []statecheck.StateCheck{newTokenKept.AddStateValue(dirSyncAddr, token)},
			},
		},
	})
}

// TestAccCryptrDirectorySync_environments: a directory sync declared
// through a provider configured with the production key lives in
// production, next to the organization's sandbox one (made in the console).
// (Only the production provider is used in the configuration: in-process
// tests serve every alias of the provider from one instance.)
func TestAccCryptrDirectorySync_environments(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Misapret")
	path := "/api/v2/org/" + domain + "/directory-sync"
	_, sandbox := connCall(t, env, false, http.MethodPost, path, nil)
	config := env.ProductionProviderBlock("production") + fmt.Sprintf(`
resource "tenant_cryptr_directory_sync" "prod" {
  provider            = tenant.production
  organization_domain = %q
}
`, domain)
	const prodAddr = "tenant_cryptr_directory_sync.prod"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := connExpect(t, env, true, path, map[string]any{"active": false, "__environment__": "production"})(s); err != nil {
				return err
			}
			// The sandbox one is untouched.
			return connExpect(t, env, false, path, map[string]any{"active": true, "id": sandbox["id"]})(s)
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(prodAddr, tfjsonpath.New("environment"), knownvalue.StringExact("production")),
					statecheck.ExpectKnownValue(prodAddr, tfjsonpath.New("scim_token"), knownvalue.StringRegexp(regexp.MustCompile(`^misapret\.production\.`))),
					statecheck.ExpectKnownValue(prodAddr, tfjsonpath.New("id"), knownvalue.StringFunc(func(id string) error {
						if id == sandbox["id"] {
							return fmt.Errorf("the production directory sync has the sandbox one's id")
						}
						return nil
					})),
				},
			},
			{ // Imported through the production provider, it is the production one.
				ResourceName: prodAddr, ImportState: true, ImportStateVerify: true, ImportStateId: domain,
				ImportStateVerifyIgnore: []string{"scim_token"},
			},
		},
	})
}

// TestAccCryptrDirectorySync_conflict: a directory sync made in the console
// cannot be created again; the error gives its import block.
func TestAccCryptrDirectorySync_conflict(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Already Synced")
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/directory-sync", nil)
	acctest.MustStatus(t, "seed directory sync", status, body, http.StatusCreated)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(dirSyncConfig(domain, "")),
			ExpectError: regexp.MustCompile(`(?s)The Cryptr directory sync already exists.*id = "already-synced"`),
		}},
	})
}

func TestAccCryptrDirectorySync_planTimeValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(dirSyncConfig("Barker Inc", "")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)organization_domain.*must be an organization domain`),
			},
			{
				Config:      env.Config(dirSyncConfig("barker-inc", `token_rotation = ""`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)token_rotation.*length`),
			},
		},
	})
}
