package synerise_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const permissionsAddr = "data.tenant_synerise_api_key_permissions.key"

// permissionsConfig checks one permission the emulated key holds and one it lacks.
const permissionsConfig = `
data "tenant_synerise_api_key_permissions" "key" {
  permissions = ["CATALOGS_CATALOG_READ", "SAUTH_SETTINGS_WRITE"]
}
`

// permissionsPostcondition fails the plan on a missing permission.
const permissionsPostcondition = `
data "tenant_synerise_api_key_permissions" "key" {
  permissions = ["CATALOGS_CATALOG_READ", "SAUTH_SETTINGS_WRITE"]
  lifecycle {
    postcondition {
      condition     = length(self.missing) == 0
      error_message = "The Synerise API key lacks: ${join(", ", self.missing)}."
    }
  }
}
`

func TestAccSyneriseAPIKeyPermissions_apiKey(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(`data "tenant_synerise_api_key_permissions" "key" { permissions = [] }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)permissions.*at least 1`),
			},
			{ // A postcondition on missing stops the pipeline early.
				Config:      env.Config(permissionsPostcondition),
				ExpectError: regexp.MustCompile(`The Synerise API key lacks:\s+SAUTH_SETTINGS_WRITE`),
			},
			{
				Config: env.Config(permissionsConfig),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(permissionsAddr, tfjsonpath.New("granted"), setExact("CATALOGS_CATALOG_READ")),
					statecheck.ExpectKnownValue(permissionsAddr, tfjsonpath.New("missing"), setExact("SAUTH_SETTINGS_WRITE")),
					statecheck.ExpectKnownValue(permissionsAddr, tfjsonpath.New("workspace_name"), knownvalue.StringExact("TenantOps Production")),
				},
			},
		},
	})
}

func TestAccSyneriseAPIKeyPermissions_userMode(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.ProviderBlockWithSynerise(allowlistMFABlock(env, env.Vars["SYNERISE_WORKSPACE_UUID"])) + permissionsConfig,
			ExpectError: regexp.MustCompile(`needs a workspace API key`),
		}},
	})
}
