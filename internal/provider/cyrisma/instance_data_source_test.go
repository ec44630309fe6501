package cyrisma_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const instanceData = `
data "tenant_cyrisma_instance" "customer" {
  id = tenant_cyrisma_instance.customer.id
}
`

func TestAccCyrismaInstanceDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	root := env.Fixtures.CyrismaRootInstanceID
	const ds = "data.tenant_cyrisma_instance.customer"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{ // The partner's root organization.
				Config: env.Config(`data "tenant_cyrisma_instance" "root" { id = "` + root + `" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tenant_cyrisma_instance.root", tfjsonpath.New("parent_id"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue("data.tenant_cyrisma_instance.root", tfjsonpath.New("instance_type"), knownvalue.StringExact("organization")),
					statecheck.ExpectKnownValue("data.tenant_cyrisma_instance.root", tfjsonpath.New("suspended"), knownvalue.Bool(false)),
				},
			},
			{ // A trial customer with a tenant.
				Config: env.Config(withFields(instanceConfig(root, false, false, "none"), map[string]string{"tenant_id": "mdr-1"}), instanceData),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(ds, tfjsonpath.New("id"), instAddr, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs(ds, tfjsonpath.New("agent_key"), instAddr, tfjsonpath.New("agent_key"), compare.ValuesSame()),
					statecheck.CompareValuePairs(ds, tfjsonpath.New("url"), instAddr, tfjsonpath.New("url"), compare.ValuesSame()),
					statecheck.CompareValuePairs(ds, tfjsonpath.New("hierarchy"), instAddr, tfjsonpath.New("hierarchy"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("parent_id"), knownvalue.StringExact(root)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("instance_type"), knownvalue.StringExact("standard")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("short_name"), knownvalue.StringExact("Contoso")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("managed"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("tenant_id"), knownvalue.StringExact("mdr-1")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("mfa_method"), knownvalue.StringExact("none")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("number_of_endpoints"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("suspended"), knownvalue.Bool(false)),
				},
			},
			{ // Suspended instances are hidden from the listing, but found by ID.
				Config: env.Config(withFields(instanceConfig(root, false, true, "email"), map[string]string{"tenant_id": "mdr-1"}), instanceData),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("suspended"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("managed"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("mfa_method"), knownvalue.StringExact("email")),
				},
			},
		},
	})
}

func TestAccCyrismaInstanceDataSource_notFound(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(`data "tenant_cyrisma_instance" "gone" { id = "00000000-0000-4000-8000-000000000000" }`),
			ExpectError: regexp.MustCompile(`Cyrisma instance "00000000-0000-4000-8000-000000000000" not\s+found`),
		}},
	})
}
