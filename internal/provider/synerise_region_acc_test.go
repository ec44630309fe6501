package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// TestAccProvider_syneriseRegion: a region outside the documented three is
// refused at plan time, and api_url overrides a valid one (the emulator
// stands in for the region's host).
func TestAccProvider_syneriseRegion(t *testing.T) {
	env := acctest.NewEnv(t)
	block := func(region string) string {
		return fmt.Sprintf("region = %q\n    api_url = %q\n    api_key = %q", region, env.Vars["SYNERISE_API_URL"], env.Vars["SYNERISE_API_KEY"])
	}
	const config = `data "tenant_synerise_workspace" "current" {}`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderBlockWithSynerise(block("aws")) + config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)region.*value must be one of.*"azure".*"azure_us".*"gcp"`),
			},
			{
				Config: env.ProviderBlockWithSynerise(block("gcp")) + config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tenant_synerise_workspace.current", tfjsonpath.New("uuid"), knownvalue.StringExact(env.Vars["SYNERISE_WORKSPACE_UUID"])),
				},
			},
		},
	})
}
