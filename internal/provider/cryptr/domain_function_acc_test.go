package cryptr_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// TestAccCryptrDomainFunction: the function gives, at plan time, the domain
// the API derives when it creates the organization.
func TestAccCryptrDomainFunction(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{ // A name Cryptr would refuse is an error at plan time.
				Config:      env.Config(`output "bad" { value = provider::tenant::cryptr_domain("ÉÉÉ") }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`at\s+least\s+one\s+ASCII\s+letter\s+or\s+digit`),
			},
			{
				Config: env.Config(`
locals {
  names = ["Acme Industries, Inc.", "Café Crème 2", "R&D / Lab 42 (EU)", "  --Globex__Corp--  "]
}
resource "tenant_cryptr_organization" "each" {
  count = length(local.names)
  name  = local.names[count.index]
  lifecycle {
    postcondition {
      condition     = self.domain == provider::tenant::cryptr_domain(self.name)
      error_message = "cryptr_domain(${self.name}) differs from the domain the API derived: ${self.domain}"
    }
  }
}
output "planned" {
  value = provider::tenant::cryptr_domain("Acme Industries, Inc.")
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("planned", knownvalue.StringExact("acme-industries-inc")),
				},
			},
		},
	})
}
