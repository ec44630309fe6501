package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

var providerEnvVars = []string{
	"CRYPTR_SERVICE_URL", "CRYPTR_ACCOUNT_DOMAIN", "CRYPTR_CLIENT_ID", "CRYPTR_CLIENT_SECRET",
	"CYRISMA_API_URL", "CYRISMA_API_KEY", "CYRISMA_API_SECRET",
	"SYNERISE_API_URL", "SYNERISE_API_KEY", "SYNERISE_USERNAME", "SYNERISE_PASSWORD", "SYNERISE_WORKSPACE_UUID", "SYNERISE_MFA_TOTP_SECRET",
}

// TestAccProvider_environmentOnly configures every service from the
// environment variables of the contract alone (the emulator exports them all,
// so Synerise uses the API key, which wins over the user variables).
func TestAccProvider_environmentOnly(t *testing.T) {
	env := acctest.NewEnv(t)
	for _, name := range providerEnvVars {
		t.Setenv(name, env.Vars[name])
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "tenant" {}
resource "tenant_cryptr_organization" "o" { name = "From Env" }
data "tenant_cyrisma_instances" "all" {}
data "tenant_synerise_workspace" "current" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("tenant_cryptr_organization.o", tfjsonpath.New("domain"), knownvalue.StringExact("from-env")),
				statecheck.ExpectKnownValue("data.tenant_cyrisma_instances.all", tfjsonpath.New("instances"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.tenant_synerise_workspace.current", tfjsonpath.New("uuid"), knownvalue.StringExact(env.Vars["SYNERISE_WORKSPACE_UUID"])),
			},
		}},
	})
}

// TestAccProvider_unconfiguredServiceCostsNothing uses Cryptr only: the other
// services are neither configured nor called, and using one names what is missing.
func TestAccProvider_unconfiguredServiceCostsNothing(t *testing.T) {
	env := acctest.NewEnv(t)
	for _, name := range providerEnvVars {
		t.Setenv(name, "")
	}
	v := env.Vars
	cryptrOnly := fmt.Sprintf(`
provider "tenant" {
  cryptr {
    service_url    = %q
    account_domain = %q
    client_id      = %q
    client_secret  = %q
  }
}
resource "tenant_cryptr_organization" "o" { name = "Only Cryptr" }
`, v["CRYPTR_SERVICE_URL"], v["CRYPTR_ACCOUNT_DOMAIN"], v["CRYPTR_CLIENT_ID"], v["CRYPTR_CLIENT_SECRET"])
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cryptrOnly,
				Check: func(*terraform.State) error {
					for route := range env.Emulator.Server.RequestCounts().Routes {
						if !strings.Contains(route, "/api/v2/") {
							return fmt.Errorf("a service that is not used was called: %s", route)
						}
					}
					return nil
				},
			},
			{
				Config:      cryptrOnly + `data "tenant_cyrisma_instances" "all" {}`,
				ExpectError: regexp.MustCompile(`(?s)Cyrisma is not configured.*cyrisma.api_key is not set.*CYRISMA_API_KEY`),
			},
		},
	})
}

func TestAccProvider_httpsRequired(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "tenant" {
  cyrisma { api_url = "http://api.cyrisma.example/app" }
}
data "tenant_cyrisma_instances" "all" {}
`,
			ExpectError: regexp.MustCompile(`(?s)cyrisma.api_url must use https://`),
		}},
	})
}
