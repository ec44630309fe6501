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

func TestAccCryptrUserDataSources(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := peopleOrg(t, env, "Loirama")
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/users", url.Values{"email": {"first@loirama.co"}})
	acctest.MustStatus(t, "seed user", status, body, http.StatusCreated)
	config := env.Config(userConfig(domain, userCreateBody), fmt.Sprintf(`
data "tenant_cryptr_user" "by_id" {
  organization_domain = %[1]q
  id                  = tenant_cryptr_user.lyla.id
}

data "tenant_cryptr_user" "by_email" {
  organization_domain = %[1]q
  email               = "first@loirama.co"
}

data "tenant_cryptr_users" "all" {
  organization_domain = %[1]q
  depends_on          = [tenant_cryptr_user.lyla]
}
`, domain))
	byID, byEmail := "data.tenant_cryptr_user.by_id", "data.tenant_cryptr_user.by_email"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(byID, tfjsonpath.New("email"), userAddr, tfjsonpath.New("email"), compare.ValuesSame()),
					statecheck.CompareValuePairs(byID, tfjsonpath.New("metadata"), userAddr, tfjsonpath.New("metadata"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("profile").AtMapKey("family_name"), knownvalue.StringExact("Bloggs")),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("address").AtMapKey("locality"), knownvalue.StringExact("Lille")),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("environment"), knownvalue.StringExact("sandbox")),
					// A user without profile or address still has the objects, with null fields, and an empty map.
					statecheck.ExpectKnownValue(byEmail, tfjsonpath.New("id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(byEmail, tfjsonpath.New("profile").AtMapKey("given_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(byEmail, tfjsonpath.New("address").AtMapKey("country"), knownvalue.Null()),
					statecheck.ExpectKnownValue(byEmail, tfjsonpath.New("metadata"), knownvalue.MapSizeExact(0)),
					statecheck.ExpectKnownValue(byEmail, tfjsonpath.New("phone_number"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.tenant_cryptr_users.all", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact("lyla@loirama.co")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact("first@loirama.co")}),
					})),
				},
			},
			{
				Config: env.Config(fmt.Sprintf(`
data "tenant_cryptr_user" "both" {
  organization_domain = %q
  id                  = "x"
  email               = "first@loirama.co"
}
`, domain)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*Exactly one of these attributes must be configured`),
			},
			{
				Config: env.Config(fmt.Sprintf(`
data "tenant_cryptr_user" "missing" {
  organization_domain = %q
  email               = "nobody@loirama.co"
}
`, domain)),
				ExpectError: regexp.MustCompile(`Cryptr user "nobody@loirama.co" of organization "loirama" not found`),
			},
		},
	})
}
