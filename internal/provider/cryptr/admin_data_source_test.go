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
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

func TestAccCryptrAdminDataSources(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := peopleOrg(t, env, "Shark Academy")
	for _, email := range []string{"a@shark.co", "b@shark.co"} {
		status, body := env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/admins", url.Values{"email": {email}})
		acctest.MustStatus(t, "seed admin", status, body, http.StatusCreated)
	}
	config := env.Config(adminConfig(domain, "c@shark.co"), fmt.Sprintf(`
data "tenant_cryptr_admin" "c" {
  organization_domain = %[1]q
  email               = tenant_cryptr_admin.it.email
}

data "tenant_cryptr_admins" "all" {
  organization_domain = %[1]q
  depends_on          = [tenant_cryptr_admin.it]
}
`, domain))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.tenant_cryptr_admin.c", tfjsonpath.New("id"), adminAddr, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.tenant_cryptr_admin.c", tfjsonpath.New("invited_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.tenant_cryptr_admin.c", tfjsonpath.New("organization_domain"), knownvalue.StringExact(domain)),
					statecheck.ExpectKnownValue("data.tenant_cryptr_admins.all", tfjsonpath.New("admins"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact("c@shark.co")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact("b@shark.co")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact("a@shark.co"), "accepted_invitation_at": knownvalue.Null()}),
					})),
				},
			},
			{
				Config: env.Config(fmt.Sprintf(`
data "tenant_cryptr_admin" "missing" {
  organization_domain = %q
  email               = "nobody@shark.co"
}
`, domain)),
				ExpectError: regexp.MustCompile(`Cryptr admin "nobody@shark.co" of organization "shark-academy" not found`),
			},
		},
	})
}
