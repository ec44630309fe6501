package cryptr_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const ssoAddr = "tenant_cryptr_sso_connection.sso"

const ssoMetadataV1 = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/v1"/>`
const ssoMetadataV2 = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/v2"></EntityDescriptor>`

// ssoConfig renders the connection with the given attribute lines.
func ssoConfig(domain string, lines ...string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_sso_connection" "sso" {
  organization_domain = %q
  %s
}
`, domain, strings.Join(lines, "\n  "))
}

// ssoSeedOrg creates an organization out of band and returns its domain.
func ssoSeedOrg(t *testing.T, env *acctest.Env, name string) string {
	t.Helper()
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/organizations", url.Values{"name": {name}})
	acctest.MustStatus(t, "seed organization", status, body, http.StatusCreated)
	return acctest.JSON(t, body).(map[string]any)["domain"].(string)
}

// ssoGet reads the organization's connection through the API.
func ssoGet(t *testing.T, env *acctest.Env, domain string) (int, map[string]any) {
	t.Helper()
	status, body := env.Cryptr(t, http.MethodGet, "/api/v2/org/"+domain+"/sso-connection", nil)
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	return status, m
}

// ssoIsDeactivated checks, through the API, that destroy left the
// connection deactivated.
func ssoIsDeactivated(t *testing.T, env *acctest.Env, domain string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		status, m := ssoGet(t, env, domain)
		if status != http.StatusOK || m["active"] != false {
			return fmt.Errorf("SSO connection of %s after destroy: %d %v, want it kept and deactivated", domain, status, m)
		}
		return nil
	}
}

func TestAccCryptrSSOConnection_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := ssoSeedOrg(t, env, "Barker Inc")
	created := env.Config(ssoConfig(domain, `provider_type = "saml.okta"`, `number_users_provisioning_limit = 99`,
		fmt.Sprintf("metadata_xml = %q", ssoMetadataV1)))
	updated := env.Config(ssoConfig(domain, `provider_type = "saml.okta"`, `users_access_policy = "only_registered_users"`,
		fmt.Sprintf("metadata_xml = <<-XML\n%s\nXML", ssoMetadataV2)))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             ssoIsDeactivated(t, env, domain),
		Steps: []resource.TestStep{
			{ // Create, with the metadata set by a follow-up update.
				Config: created,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^barker_inc_\w{22}$`))),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("users_access_policy"), knownvalue.StringExact("provision_new_users")),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("number_users_provisioning_limit"), knownvalue.Int64Exact(99)),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("metadata_xml"), knownvalue.StringExact(ssoMetadataV1)),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("acs_url"), knownvalue.StringRegexp(regexp.MustCompile(`^http://.+/saml/acs$`))),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("metadata_url"), knownvalue.StringRegexp(regexp.MustCompile(`/saml/metadata$`))),
					statecheck.CompareValuePairs(ssoAddr, tfjsonpath.New("entity_id"), ssoAddr, tfjsonpath.New("sp_id"), compare.ValuesSame()),
				},
			},
			{ // terraform import by organization domain.
				ResourceName: ssoAddr, ImportState: true, ImportStateVerify: true, ImportStateId: domain,
			},
			{ // import {} block by domain, planned with no changes.
				ResourceName: ssoAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, Config: created,
			},
			{ // terraform plan -generate-config-out writes configuration that plans with no changes.
				ResourceName: ssoAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: domain, GenerateConfig: true, Config: env.Config(),
			},
			{ // Update in place: the limit is cleared, the policy and metadata change.
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ssoAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("number_users_provisioning_limit"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("users_access_policy"), knownvalue.StringExact("only_registered_users")),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("metadata_xml"), knownvalue.StringExact(ssoMetadataV2+"\n")),
				},
			},
			{ // Out-of-band change in the console: the plan shows it and apply reverts it.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, "/api/v2/org/"+domain+"/sso-connection",
						url.Values{"active": {"false"}, "users_access_policy": {"unregistered_users_allowed"}, "number_users_provisioning_limit": {"3"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ssoAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					plancheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("number_users_provisioning_limit"), knownvalue.Null()),
				}},
				Check: func(*terraform.State) error {
					if _, m := ssoGet(t, env, domain); m["active"] != true || m["users_access_policy"] != "only_registered_users" || m["number_users_provisioning_limit"] != nil {
						return fmt.Errorf("apply did not revert the console change: %v", m)
					}
					return nil
				},
			},
			{ // provider_type cannot change, and there is no delete to replace it.
				Config:      env.Config(ssoConfig(domain, `provider_type = "saml.azure_ad"`, `users_access_policy = "only_registered_users"`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)provider_type cannot change.*"saml\.okta"`),
			},
		},
	})
}

// TestAccCryptrSSOConnection_goneWithOrganization: the API cannot delete a
// connection, but deleting its organization does; the plan then creates it
// again in the organization created anew.
func TestAccCryptrSSOConnection_goneWithOrganization(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := ssoSeedOrg(t, env, "Looney Tunes")
	config := env.Config(ssoConfig(domain, `provider_type = "saml.custom"`))
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             ssoIsDeactivated(t, env, domain),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(*terraform.State) error {
					_, m := ssoGet(t, env, domain)
					firstID, _ = m["id"].(string)
					return nil
				},
			},
			{
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodDelete, "/api/v2/organizations/"+domain, nil)
					acctest.MustStatus(t, "out-of-band organization delete", status, body, http.StatusOK)
					ssoSeedOrg(t, env, "Looney Tunes")
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ssoAddr, plancheck.ResourceActionCreate),
				}},
				Check: func(*terraform.State) error {
					if _, m := ssoGet(t, env, domain); m["id"] == firstID || m["provider_type"] != "saml.custom" {
						return fmt.Errorf("connection not created again: %v (first id %s)", m, firstID)
					}
					return nil
				},
			},
		},
	})
}

// TestAccCryptrSSOConnection_adopt: an organization that already has a
// connection (made in the console) has it adopted when the provider type
// matches, and refused with a diagnostic otherwise.
func TestAccCryptrSSOConnection_adopt(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := ssoSeedOrg(t, env, "Shark Academy")
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/sso-connection",
		url.Values{"provider_type": {"saml.azure_ad"}, "active": {"false"}, "users_access_policy": {"unregistered_users_allowed"}})
	acctest.MustStatus(t, "console connection", status, body, http.StatusCreated)
	existingID := acctest.JSON(t, body).(map[string]any)["id"].(string)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             ssoIsDeactivated(t, env, domain),
		Steps: []resource.TestStep{
			{
				Config:      env.Config(ssoConfig(domain, `provider_type = "saml.okta"`)),
				ExpectError: regexp.MustCompile(`(?s)already has an SSO connection.*"saml\.azure_ad".*terraform\s+import`),
			},
			{
				Config: env.Config(ssoConfig(domain, `provider_type = "saml.azure_ad"`, fmt.Sprintf("metadata_xml = %q", ssoMetadataV1))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("id"), knownvalue.StringExact(existingID)),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("users_access_policy"), knownvalue.StringExact("provision_new_users")),
					statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("metadata_xml"), knownvalue.StringExact(ssoMetadataV1)),
				},
			},
		},
	})
}

func TestAccCryptrSSOConnection_planTimeValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	step := func(attr, pattern string, lines ...string) resource.TestStep {
		return resource.TestStep{
			Config:      env.Config(ssoConfig("acme", lines...)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)` + attr + `.*` + pattern),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			step("users_access_policy", `value must be one of`, `provider_type = "saml.okta"`, `users_access_policy = "everyone"`),
			step("number_users_provisioning_limit", `at least 1`, `provider_type = "saml.okta"`, `number_users_provisioning_limit = 0`),
			step("metadata_xml", `well-formed\s+XML`, `provider_type = "saml.okta"`, `metadata_xml = "<EntityDescriptor>"`),
			step("provider_type", `saml\.okta`, `provider_type = "Okta"`),
		},
	})
}

// TestAccCryptrSSOConnection_withOrganization: the usual configuration,
// the connection referring to an organization managed alongside it.
func TestAccCryptrSSOConnection_withOrganization(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             orgIsDeleted(t, env, "well-agency"),
		Steps: []resource.TestStep{{
			Config: env.Config(`
resource "tenant_cryptr_organization" "acme" {
  name = "Well Agency"
}
resource "tenant_cryptr_sso_connection" "sso" {
  organization_domain = tenant_cryptr_organization.acme.domain
  provider_type       = "saml.okta"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ssoAddr, tfjsonpath.New("organization_domain"), knownvalue.StringExact("well-agency")),
			},
		}},
	})
}
