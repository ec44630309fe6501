package cyrisma_test

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

// outOfBandUser adds a user through the API, outside Terraform, and returns its ID.
func outOfBandUser(t *testing.T, env *acctest.Env, instanceID, username string) string {
	t.Helper()
	status, body := env.Cyrisma(t, http.MethodPost, "/partner/instances/users/create", url.Values{
		"instance_id": {instanceID}, "username": {username}, "first_name": {"Sam"}, "last_name": {"Ode"},
	})
	acctest.MustStatus(t, "create user", status, body, http.StatusOK)
	return acctest.JSON(t, body).(map[string]any)["id"].(string)
}

func TestAccCyrismaUserDataSources(t *testing.T) {
	env := acctest.NewEnv(t)
	root := env.Fixtures.CyrismaRootInstanceID
	sub := outOfBandInstance(t, env, "organization", "Region")
	subUser := outOfBandUser(t, env, sub, "sam@region.example")
	gone := outOfBandUser(t, env, root, "gone@acme.example")
	status, body := env.Cyrisma(t, http.MethodPatch, "/partner/users/disable", url.Values{"user_id": {gone}})
	acctest.MustStatus(t, "disable user", status, body, http.StatusOK)

	config := env.Config(userConfig(root, "ann@acme.example", "Ann"), fmt.Sprintf(`
data "tenant_cyrisma_user" "ann" {
  id = tenant_cyrisma_user.ann.id
}

data "tenant_cyrisma_user" "gone" {
  id = %[1]q
}

data "tenant_cyrisma_users" "all" {
  depends_on = [tenant_cyrisma_user.ann]
}

data "tenant_cyrisma_users" "root" {
  instance_id = %[2]q
  depends_on  = [tenant_cyrisma_user.ann]
}

data "tenant_cyrisma_users" "sub" {
  instance_id = %[3]q
}
`, gone, root, sub))
	ann, gonePath := "data.tenant_cyrisma_user.ann", "data.tenant_cyrisma_user.gone"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(ann, tfjsonpath.New("username"), userAddr, tfjsonpath.New("username"), compare.ValuesSame()),
					statecheck.CompareValuePairs(ann, tfjsonpath.New("instance_id"), userAddr, tfjsonpath.New("instance_id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(ann, tfjsonpath.New("first_name"), knownvalue.StringExact("Ann")),
					statecheck.ExpectKnownValue(ann, tfjsonpath.New("last_name"), knownvalue.StringExact("Lee")),
					statecheck.ExpectKnownValue(ann, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					// A disabled user is still found, with enabled = false.
					statecheck.ExpectKnownValue(gonePath, tfjsonpath.New("username"), knownvalue.StringExact("gone@acme.example")),
					statecheck.ExpectKnownValue(gonePath, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
					// Every user of the partner, in creation order, disabled ones included.
					statecheck.ExpectKnownValue("data.tenant_cyrisma_users.all", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(subUser), "instance_id": knownvalue.StringExact(sub)}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(gone), "enabled": knownvalue.Bool(false)}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"username": knownvalue.StringExact("ann@acme.example"), "enabled": knownvalue.Bool(true)}),
					})),
					// The filter keeps the users of one organization only, not those below it.
					statecheck.ExpectKnownValue("data.tenant_cyrisma_users.root", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"username": knownvalue.StringExact("gone@acme.example"), "enabled": knownvalue.Bool(false)}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"username": knownvalue.StringExact("ann@acme.example")}),
					})),
					statecheck.ExpectKnownValue("data.tenant_cyrisma_users.sub", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.StringExact(subUser), "instance_id": knownvalue.StringExact(sub), "username": knownvalue.StringExact("sam@region.example"),
							"first_name": knownvalue.StringExact("Sam"), "last_name": knownvalue.StringExact("Ode"), "enabled": knownvalue.Bool(true),
						}),
					})),
				},
			},
			{
				Config:      env.Config(`data "tenant_cyrisma_user" "missing" { id = "00000000-0000-4000-8000-000000000000" }`),
				ExpectError: regexp.MustCompile(`(?s)Cyrisma user "00000000-0000-4000-8000-000000000000" not found`),
			},
		},
	})
}
