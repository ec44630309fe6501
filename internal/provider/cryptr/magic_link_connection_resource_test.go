package cryptr_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const magicLinkAddr = "tenant_cryptr_magic_link_connection.ml"

func magicLinkConfig(domain, body string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_magic_link_connection" "ml" {
  organization_domain = %q
  %s
}
`, domain, body)
}

func TestAccCryptrMagicLinkConnection_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Loirama")
	path := "/api/v2/org/" + domain + "/magic-link-connection"
	_, existing := connCall(t, env, false, http.MethodGet, path, nil)
	created := magicLinkConfig(domain, fmt.Sprintf("find_or_create_user = true\n  sign_in_template_id = %q", connTemplate))
	updated := magicLinkConfig(domain, "active = false\n  find_or_create_user = true")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		// Destroy restores the documented defaults: the API has no delete.
		CheckDestroy: connExpect(t, env, false, path, map[string]any{"active": true, "find_or_create_user": false, "sign_in_template_id": nil}),
		Steps: []resource.TestStep{
			{ // Every organization has one: create adopts it.
				Config: env.Config(created),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(magicLinkAddr, tfjsonpath.New("id"), knownvalue.StringExact(existing["id"].(string))),
					statecheck.ExpectKnownValue(magicLinkAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(magicLinkAddr, tfjsonpath.New("find_or_create_user"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(magicLinkAddr, tfjsonpath.New("sign_in_template_id"), knownvalue.StringExact(connTemplate)),
				},
				Check: connExpect(t, env, false, path, map[string]any{"find_or_create_user": true, "sign_in_template_id": connTemplate}),
			},
			{
				ResourceName: magicLinkAddr, ImportState: true, ImportStateVerify: true, ImportStateId: domain,
			},
			{
				ResourceName: magicLinkAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: env.Config(created),
			},
			{
				ResourceName: magicLinkAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: env.Config(), GenerateConfig: true,
			},
			{ // Update in place.
				Config: env.Config(updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(magicLinkAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(magicLinkAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(magicLinkAddr, tfjsonpath.New("sign_in_template_id"), knownvalue.Null()),
				},
			},
			{ // Out-of-band reset in the console: the plan shows it and apply reverts it.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, path, url.Values{"active": {"true"}, "find_or_create_user": {"false"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: env.Config(updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(magicLinkAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(magicLinkAddr, tfjsonpath.New("find_or_create_user"), knownvalue.Bool(true)),
				}},
				Check: connExpect(t, env, false, path, map[string]any{"active": false, "find_or_create_user": true}),
			},
		},
	})
}

func TestAccCryptrMagicLinkConnection_planTimeValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(magicLinkConfig("acme", `sign_in_template_id = "welcome-email"`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)sign_in_template_id.*must be a UUID`),
			},
			{
				Config:      env.Config(magicLinkConfig("Acme Corp", "")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)organization_domain.*must be an organization domain`),
			},
		},
	})
}
