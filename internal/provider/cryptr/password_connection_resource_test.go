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

const (
	passwordAddr = "tenant_cryptr_password_connection.pw"
	connTemplate = "b653df01-b571-48c3-a630-6f1fddf5af31"
)

func passwordConfig(domain, body string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_password_connection" "pw" {
  organization_domain = %q
  %s
}
`, domain, body)
}

// passwordDefaults is what destroy leaves: deactivated, default settings.
var passwordDefaults = map[string]any{
	"active": false, "plain_text_min_length": 8, "plain_text_max_length": 40,
	"pepper_rotation_period": 86400, "forgot_password_template_id": nil,
}

func TestAccCryptrPasswordConnection_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Well Agency")
	path := "/api/v2/org/" + domain + "/password-connection"
	created := passwordConfig(domain, fmt.Sprintf("plain_text_min_length = 10\n  plain_text_max_length = 64\n  forgot_password_template_id = %q", connTemplate))
	updated := passwordConfig(domain, "plain_text_min_length = 12\n  plain_text_max_length = 64\n  pepper_rotation_period = 3600")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             connExpect(t, env, false, path, passwordDefaults),
		Steps: []resource.TestStep{
			{ // The organization has none: create makes one.
				Config: env.Config(created),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("plain_text_min_length"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("pepper_rotation_period"), knownvalue.Int64Exact(86400)),
					statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("forgot_password_template_id"), knownvalue.StringExact(connTemplate)),
					statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
				},
				Check: connExpect(t, env, false, path, map[string]any{"plain_text_max_length": 64, "active": true}),
			},
			{
				ResourceName: passwordAddr, ImportState: true, ImportStateVerify: true, ImportStateId: domain,
			},
			{
				ResourceName: passwordAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: env.Config(created),
			},
			{
				ResourceName: passwordAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: env.Config(), GenerateConfig: true,
			},
			{ // Update in place; the template is removed.
				Config: env.Config(updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(passwordAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("plain_text_min_length"), knownvalue.Int64Exact(12)),
					statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("pepper_rotation_period"), knownvalue.Int64Exact(3600)),
					statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("forgot_password_template_id"), knownvalue.Null()),
				},
			},
			{ // Out-of-band change in the console: the plan shows it and apply reverts it.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, path, url.Values{"active": {"false"}, "plain_text_max_length": {"20"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: env.Config(updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(passwordAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("plain_text_max_length"), knownvalue.Int64Exact(64)),
				}},
				Check: connExpect(t, env, false, path, map[string]any{"plain_text_max_length": 64, "active": true}),
			},
		},
	})
}

// TestAccCryptrPasswordConnection_adopt: a password connection made in the
// console (or left deactivated by a destroy) is adopted by create.
func TestAccCryptrPasswordConnection_adopt(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Console Made")
	path := "/api/v2/org/" + domain + "/password-connection"
	_, seeded := connCall(t, env, false, http.MethodPost, path, url.Values{"active": {"false"}, "plain_text_min_length": {"20"}, "plain_text_max_length": {"30"}})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             connExpect(t, env, false, path, passwordDefaults),
		Steps: []resource.TestStep{{
			Config: env.Config(passwordConfig(domain, "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("id"), knownvalue.StringExact(seeded["id"].(string))),
				statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("plain_text_min_length"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue(passwordAddr, tfjsonpath.New("plain_text_max_length"), knownvalue.Int64Exact(40)),
			},
		}},
	})
}

func TestAccCryptrPasswordConnection_planTimeValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	steps := []resource.TestStep{}
	for body, want := range map[string]string{
		"plain_text_min_length = 40\n  plain_text_max_length = 20": `(?s)plain_text_min_length.*must be lower than\s+plain_text_max_length`,
		"plain_text_min_length = 50":                               `(?s)plain_text_min_length.*must be lower than\s+plain_text_max_length`,
		"plain_text_min_length = 0":                                `(?s)plain_text_min_length.*at least 1`,
		"pepper_rotation_period = 0":                               `(?s)pepper_rotation_period.*at least 1`,
		`forgot_password_template_id = "welcome"`:                  `(?s)forgot_password_template_id.*must be a UUID`,
	} {
		steps = append(steps, resource.TestStep{
			Config: env.Config(passwordConfig("acme", body)), PlanOnly: true, ExpectError: regexp.MustCompile(want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})
}
