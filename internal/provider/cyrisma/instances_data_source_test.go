package cyrisma_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

func TestAccCyrismaInstancesDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	root := env.Fixtures.CyrismaRootInstanceID
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(`data "tenant_cyrisma_instances" "roots" { parent_id = "" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tenant_cyrisma_instances.roots", tfjsonpath.New("instances"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.tenant_cyrisma_instances.roots", tfjsonpath.New("instances").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact(root)),
				},
			},
			{ // A new customer instance appears under the root; suspended ones do not.
				Config: env.Config(instanceConfig(root, true, false, "none"),
					`resource "tenant_cyrisma_instance" "paused" {
  parent_instance_id = "`+root+`"
  instance_type      = "standard"
  name               = "Paused Co"
  short_name         = "Paused"
  country            = "US"
  email              = "it@paused.example"
  suspended          = true
}
data "tenant_cyrisma_instances" "customers" {
  parent_id     = "`+root+`"
  instance_type = "standard"
  depends_on    = [tenant_cyrisma_instance.customer, tenant_cyrisma_instance.paused]
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tenant_cyrisma_instances.customers", tfjsonpath.New("instances"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.tenant_cyrisma_instances.customers", tfjsonpath.New("instances").AtSliceIndex(0).AtMapKey("short_name"), knownvalue.StringExact("Contoso")),
				},
			},
		},
	})
}
