package cryptr_test

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

func TestAccCryptrMagicLinkConnectionDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Hooli")
	const ds = "data.tenant_cryptr_magic_link_connection.ml"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{ // Every organization has one, with the documented defaults.
				Config: env.Config(fmt.Sprintf(`data "tenant_cryptr_magic_link_connection" "ml" { organization_domain = %q }`, domain)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("find_or_create_user"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("sign_in_template_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.NotNull()),
				},
			},
			{
				Config:      env.Config(`data "tenant_cryptr_magic_link_connection" "ml" { organization_domain = "no-such-org" }`),
				ExpectError: regexp.MustCompile(`Cryptr magic-link connection of organization "no-such-org" not found`),
			},
		},
	})
}
