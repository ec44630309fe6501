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

const totpAddr = "tenant_cryptr_totp_connection.otp"

func totpConfig(domain, body string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_totp_connection" "otp" {
  organization_domain = %q
  %s
}
`, domain, body)
}

func TestAccCryptrTOTPConnection_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Loirama")
	path := "/api/v2/org/" + domain + "/totp-connection"
	sms := totpConfig(domain, "active = true\n  method = \"sms\"")
	app := totpConfig(domain, "active = true")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		// Destroy restores the documented defaults: the API has no delete.
		CheckDestroy: connExpect(t, env, false, path, map[string]any{"active": false, "method": "totp_mobile_app", "expiry_in_seconds": 30}),
		Steps: []resource.TestStep{
			{ // Adopted; SMS without an expiry plans SMS's default, 600 s.
				Config: env.Config(sms),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(totpAddr, tfjsonpath.New("expiry_in_seconds"), knownvalue.Int64Exact(600)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(totpAddr, tfjsonpath.New("id"), knownvalue.StringExact(domain)),
					statecheck.ExpectKnownValue(totpAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(totpAddr, tfjsonpath.New("method"), knownvalue.StringExact("sms")),
				},
				Check: connExpect(t, env, false, path, map[string]any{"active": true, "method": "sms", "expiry_in_seconds": 600}),
			},
			{
				ResourceName: totpAddr, ImportState: true, ImportStateVerify: true, ImportStateId: domain,
			},
			{
				ResourceName: totpAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: env.Config(sms),
			},
			{
				ResourceName: totpAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: env.Config(), GenerateConfig: true,
			},
			{ // Update in place: an explicit expiry.
				Config: env.Config(totpConfig(domain, "active = true\n  method = \"sms\"\n  expiry_in_seconds = 120")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(totpAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(totpAddr, tfjsonpath.New("expiry_in_seconds"), knownvalue.Int64Exact(120)),
				},
			},
			{ // Back to the mobile app without an expiry: its default, 30 s.
				Config: env.Config(app),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(totpAddr, tfjsonpath.New("expiry_in_seconds"), knownvalue.Int64Exact(30)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(totpAddr, tfjsonpath.New("method"), knownvalue.StringExact("totp_mobile_app")),
				},
			},
			{ // Out-of-band change in the console: the plan shows it and apply reverts it.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPost, path, url.Values{"method": {"sms"}, "active": {"false"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusCreated)
				},
				Config: env.Config(app),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(totpAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(totpAddr, tfjsonpath.New("expiry_in_seconds"), knownvalue.Int64Exact(30)),
				}},
				Check: connExpect(t, env, false, path, map[string]any{"active": true, "method": "totp_mobile_app", "expiry_in_seconds": 30}),
			},
		},
	})
}

func TestAccCryptrTOTPConnection_planTimeValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(totpConfig("acme", `method = "email"`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)method.*value must be one of`),
			},
			{
				Config:      env.Config(totpConfig("acme", "expiry_in_seconds = 10")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)expiry_in_seconds.*between 30 and 900`),
			},
			{
				Config:      env.Config(totpConfig("acme", "expiry_in_seconds = 901")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)expiry_in_seconds.*between 30 and 900`),
			},
		},
	})
}

// TestAccCryptrConnections_organizationDeleted: when the organization is
// deleted in the console, its directory sync and connections go with it;
// each is removed from the state and the plan re-creates it with the
// organization.
func TestAccCryptrConnections_organizationDeleted(t *testing.T) {
	env := acctest.NewEnv(t)
	config := env.Config(`
resource "tenant_cryptr_organization" "acme" { name = "Acme Connections" }
resource "tenant_cryptr_directory_sync" "scim" { organization_domain = tenant_cryptr_organization.acme.domain }
resource "tenant_cryptr_password_connection" "pw" { organization_domain = tenant_cryptr_organization.acme.domain }
resource "tenant_cryptr_magic_link_connection" "ml" {
  organization_domain = tenant_cryptr_organization.acme.domain
  find_or_create_user = true
}
resource "tenant_cryptr_totp_connection" "otp" {
  organization_domain = tenant_cryptr_organization.acme.domain
  active              = true
}
`)
	all := []string{dirSyncAddr, passwordAddr, magicLinkAddr, totpAddr}
	recreated := []plancheck.PlanCheck{plancheck.ExpectResourceAction(orgAddr, plancheck.ResourceActionCreate)}
	for _, addr := range all {
		recreated = append(recreated, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             orgIsDeleted(t, env, "acme-connections"),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodDelete, "/api/v2/organizations/acme-connections", nil)
					acctest.MustStatus(t, "out-of-band delete", status, body, http.StatusOK)
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: recreated},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dirSyncAddr, tfjsonpath.New("scim_token"), knownvalue.StringRegexp(regexp.MustCompile(`^acme-connections\.sandbox\.`))),
					statecheck.ExpectKnownValue(totpAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
				},
			},
		},
	})
}
