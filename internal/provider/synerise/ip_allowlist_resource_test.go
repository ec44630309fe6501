package synerise_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const (
	allowlistAddr = "tenant_synerise_ip_allowlist.this"
	ipPolicyPath  = "/uauth/settings/user-bp-ip-policy"
)

// allowlistConfig is the allowlist with the given attribute lines.
func allowlistConfig(body string) string {
	return fmt.Sprintf("\nresource \"tenant_synerise_ip_allowlist\" \"this\" {\n  %s\n}\n", body)
}

// allowlistMFABlock is the synerise block of the MFA user with its TOTP
// secret, selecting workspace.
func allowlistMFABlock(env *acctest.Env, workspace string) string {
	return fmt.Sprintf("api_url = %q\n    username = %q\n    password = %q\n    workspace_uuid = %q\n    mfa_totp_secret = %q",
		env.Vars["SYNERISE_API_URL"], env.Vars["SYNERISE_USERNAME"], env.Vars["SYNERISE_PASSWORD"], workspace, env.Vars["SYNERISE_MFA_TOTP_SECRET"])
}

// policyIs checks the API key workspace's policy through the emulated API.
func policyIs(t *testing.T, env *acctest.Env, enabled, support bool, entries ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		status, body := env.Synerise(t, http.MethodGet, ipPolicyPath, nil)
		if status != http.StatusOK {
			return fmt.Errorf("GET %s: %d %s", ipPolicyPath, status, body)
		}
		got, _ := acctest.JSON(t, body).(map[string]any)
		var list []string
		raw, _ := got["ipPolicy"].([]any)
		for _, e := range raw {
			list = append(list, fmt.Sprint(e))
		}
		slices.Sort(list)
		slices.Sort(entries)
		if got["enabled"] != enabled || got["enableSupportSubnets"] != support || !slices.Equal(list, entries) {
			return fmt.Errorf("policy %s, want enabled=%t enableSupportSubnets=%t ipPolicy=%v", body, enabled, support, entries)
		}
		return nil
	}
}

// setExact is a set of exact strings.
func setExact(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(values))
	for _, v := range values {
		checks = append(checks, knownvalue.StringExact(v))
	}
	return knownvalue.SetExact(checks)
}

// allowlistLifecycle is create, import, update, out-of-band change and
// wrong import ID for the provider block providerBlock.
func allowlistLifecycle(t *testing.T, env *acctest.Env, providerBlock string) []resource.TestStep {
	workspace := env.Vars["SYNERISE_WORKSPACE_UUID"]
	created := providerBlock + allowlistConfig("enabled = true\n  ip_policy = [\"203.0.113.7\", \"10.0.0.0/8\"]")
	updated := providerBlock + allowlistConfig("enabled = true\n  enable_support_subnets = true\n  ip_policy = [\"10.0.0.0/8\", \"2001:db8::/32\"]")
	return []resource.TestStep{
		{
			Config: created,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(allowlistAddr, tfjsonpath.New("id"), knownvalue.StringExact(workspace)),
				statecheck.ExpectKnownValue(allowlistAddr, tfjsonpath.New("workspace_uuid"), knownvalue.StringExact(workspace)),
				statecheck.ExpectKnownValue(allowlistAddr, tfjsonpath.New("enable_support_subnets"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(allowlistAddr, tfjsonpath.New("ip_policy"), setExact("10.0.0.0/8", "203.0.113.7")),
			},
			Check: policyIs(t, env, true, false, "203.0.113.7", "10.0.0.0/8"),
		},
		{ResourceName: allowlistAddr, ImportState: true, ImportStateVerify: true, ImportStateId: workspace},
		{ResourceName: allowlistAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: workspace, Config: created},
		{ // Update in place.
			Config: updated,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(allowlistAddr, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(allowlistAddr, tfjsonpath.New("enable_support_subnets"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(allowlistAddr, tfjsonpath.New("ip_policy"), setExact("10.0.0.0/8", "2001:db8::/32")),
			},
			Check: policyIs(t, env, true, true, "10.0.0.0/8", "2001:db8::/32"),
		},
		{ // Out-of-band change through the API: the plan shows it and apply reverts it.
			PreConfig: func() {
				status, body := env.Synerise(t, http.MethodPost, ipPolicyPath, map[string]any{"enabled": false, "ipPolicy": []string{"192.0.2.1"}})
				acctest.MustStatus(t, "out-of-band policy change", status, body, http.StatusOK)
			},
			Config: updated,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(allowlistAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(allowlistAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
			}},
			Check: policyIs(t, env, true, true, "10.0.0.0/8", "2001:db8::/32"),
		},
		{ // Another workspace than the provider's cannot be imported.
			ResourceName: allowlistAddr, ImportState: true, ImportStateId: env.Fixtures.SyneriseSecondWorkspaceUUID,
			ExpectError: regexp.MustCompile(`not\s+the\s+provider's\s+current\s+workspace`),
		},
	}
}

func TestAccSyneriseIPAllowlist_apiKey(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		// Destroy turns the policy off and empties it.
		CheckDestroy: policyIs(t, env, false, false),
		Steps:        allowlistLifecycle(t, env, env.ProviderBlock()),
	})
}

func TestAccSyneriseIPAllowlist_userWithTOTP(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             policyIs(t, env, false, false),
		Steps:                    allowlistLifecycle(t, env, env.ProviderBlockWithSynerise(allowlistMFABlock(env, env.Vars["SYNERISE_WORKSPACE_UUID"]))),
	})
}

// TestAccSyneriseIPAllowlist_workspaceChanged: when the user mode selects
// another workspace, the allowlist of the first is dropped from the state
// (and left as it is) and the plan sets the policy of the new one.
func TestAccSyneriseIPAllowlist_workspaceChanged(t *testing.T) {
	env := acctest.NewEnv(t)
	first, second := env.Vars["SYNERISE_WORKSPACE_UUID"], env.Fixtures.SyneriseSecondWorkspaceUUID
	body := allowlistConfig("enabled = true\n  ip_policy = [\"198.51.100.0/24\"]")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		// The first workspace keeps the policy the provider no longer manages.
		CheckDestroy: policyIs(t, env, true, false, "198.51.100.0/24"),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlockWithSynerise(allowlistMFABlock(env, first)) + body},
			{
				Config: env.ProviderBlockWithSynerise(allowlistMFABlock(env, second)) + body,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(allowlistAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(allowlistAddr, tfjsonpath.New("workspace_uuid"), knownvalue.StringExact(second)),
				},
			},
		},
	})
}

func TestAccSyneriseIPAllowlist_planTimeValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	bad := func(entry string) string {
		return env.Config(allowlistConfig(fmt.Sprintf("enabled = true\n  ip_policy = [%q]", entry)))
	}
	steps := []resource.TestStep{}
	for entry, want := range map[string]string{
		"10.0.0.0/33":  `neither an IPv4 or IPv6 address`,
		"10.0.0.1/8":   `host bits set after the /8 prefix: write the block as "10.0.0.0/8"`,
		"2001:DB8::1":  `canonical form: write it as "2001:db8::1"`,
		"fe80::1%eth0": `zones are not allowed`,
		"example.com":  `neither an IPv4 or IPv6 address`,
	} {
		pattern := `(?s)ip_policy.*` + strings.Join(strings.Fields(regexp.QuoteMeta(want)), `\s+`)
		steps = append(steps, resource.TestStep{Config: bad(entry), PlanOnly: true, ExpectError: regexp.MustCompile(pattern)})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})
}
