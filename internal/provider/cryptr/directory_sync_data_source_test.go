package cryptr_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

func TestAccCryptrDirectorySyncDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Globex")
	path := "/api/v2/org/" + domain + "/directory-sync"
	_, seeded := connCall(t, env, false, http.MethodPost, path, nil)
	const ds = "data.tenant_cryptr_directory_sync.scim"
	config := env.Config(fmt.Sprintf(`data "tenant_cryptr_directory_sync" "scim" { organization_domain = %q }`, domain))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact(seeded["id"].(string))),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("environment"), knownvalue.StringExact("sandbox")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("active"), knownvalue.Bool(true)),
				},
			},
			{ // A change in the console shows at the next refresh.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, path, url.Values{"active": {"false"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("active"), knownvalue.Bool(false)),
				},
			},
			{ // The production key sees no directory sync for this organization.
				Config: env.ProductionProviderBlock("production") + fmt.Sprintf(`
data "tenant_cryptr_directory_sync" "prod" {
  provider            = tenant.production
  organization_domain = %q
}`, domain),
				ExpectError: regexp.MustCompile(`Cryptr directory sync of organization "globex" not found`),
			},
		},
	})
}
