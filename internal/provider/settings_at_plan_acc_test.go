package provider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// missingSettingsObjects is an organization and a Cyrisma instance under
// root.
func missingSettingsObjects(root string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_organization" "acme" {
  name = "Unset Industries"
}

resource "tenant_cyrisma_instance" "ltd" {
  parent_instance_id = %q
  instance_type      = "standard"
  name               = "Unset Ltd"
  short_name         = "UnsetLtd"
  country            = "US"
  email              = "it@unset.example"
}
`, root)
}

// partialProviderBlock is a provider block with the given bodies for the
// cryptr and cyrisma blocks.
func partialProviderBlock(cryptrBody, cyrismaBody string) string {
	return fmt.Sprintf("\nprovider \"tenant\" {\n  max_retries = 2\n  cryptr {\n%s\n  }\n  cyrisma {\n%s\n  }\n}\n", cryptrBody, cyrismaBody)
}

// TestAccMissingSettingsFailThePlan: a plan that creates objects of
// services whose settings are missing (here Cryptr's client_id and
// client_secret, Cyrisma's api_key and api_secret, in neither the provider
// block nor the environment) fails, naming each setting and its variable,
// and calls no API. Settings whose values are not known until apply (from
// another resource) pass the plan. A plan that changes nothing of the
// service, and a destroy, do not fail because of it.
func TestAccMissingSettingsFailThePlan(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	v := env.Vars
	for _, name := range []string{"CRYPTR_CLIENT_ID", "CRYPTR_CLIENT_SECRET", "CYRISMA_API_KEY", "CYRISMA_API_SECRET"} {
		cli.SetEnv(name, "")
	}
	objects := missingSettingsObjects(env.Fixtures.CyrismaRootInstanceID)
	cryptrPartial := fmt.Sprintf("    service_url = %q\n    account_domain = %q", v["CRYPTR_SERVICE_URL"], v["CRYPTR_ACCOUNT_DOMAIN"])
	cyrismaPartial := fmt.Sprintf("    api_url = %q", v["CYRISMA_API_URL"])
	cli.WriteFile("main.tf", requiredTenant+partialProviderBlock(cryptrPartial, cyrismaPartial)+objects)
	cli.MustRun(0, "init", "-input=false")
	out, code := cli.Run("plan", "-input=false")
	mustFailWith(t, "terraform plan", out, code, []string{
		"Error: Cryptr is not configured",
		"with tenant_cryptr_organization.acme,",
		"cryptr.client_id is not set: set client_id in the provider's cryptr block or the CRYPTR_CLIENT_ID environment variable",
		"cryptr.client_secret is not set: set client_secret in the provider's cryptr block or the CRYPTR_CLIENT_SECRET environment variable",
		"This plan creates or changes this Cryptr object, which the apply could not do without these settings.",
		"Error: Cyrisma is not configured",
		"with tenant_cyrisma_instance.ltd,",
		"cyrisma.api_key is not set: set api_key in the provider's cyrisma block or the CYRISMA_API_KEY environment variable",
		"cyrisma.api_secret is not set: set api_secret in the provider's cyrisma block or the CYRISMA_API_SECRET environment variable",
	}, "cryptr.account_domain", "cryptr.service_url", "cyrisma.api_url")
	if n := env.Emulator.Server.RequestCounts().Total; n != 0 {
		t.Errorf("the plan made %d API requests; want none: %v", n, env.Emulator.Server.RequestCounts().Routes)
	}

	// The same settings from another resource's attribute, not known until
	// apply: the plan passes.
	cli.WriteFile("main.tf", requiredTenant+fmt.Sprintf(`
resource "terraform_data" "credentials" {
  input = { cryptr_id = %q, cryptr_secret = %q, cyrisma_key = %q, cyrisma_secret = %q }
}
`, v["CRYPTR_CLIENT_ID"], v["CRYPTR_CLIENT_SECRET"], v["CYRISMA_API_KEY"], v["CYRISMA_API_SECRET"])+
		partialProviderBlock(cryptrPartial+`
    client_id     = terraform_data.credentials.output.cryptr_id
    client_secret = terraform_data.credentials.output.cryptr_secret`, cyrismaPartial+`
    api_key    = terraform_data.credentials.output.cyrisma_key
    api_secret = terraform_data.credentials.output.cyrisma_secret`)+objects)
	out = cli.MustRun(0, "plan", "-input=false")
	if !strings.Contains(out, "3 to add, 0 to change, 0 to destroy") {
		t.Errorf("want a plan that adds the three objects:\n%s", out)
	}

	// Cyrisma's settings given, Cryptr's still missing: a plan of the
	// Cyrisma instance alone passes and applies.
	cyrismaFull := cyrismaPartial + fmt.Sprintf("\n    api_key = %q\n    api_secret = %q", v["CYRISMA_API_KEY"], v["CYRISMA_API_SECRET"])
	cli.WriteFile("main.tf", requiredTenant+partialProviderBlock(cryptrPartial, cyrismaFull)+objects)
	cli.MustRun(0, "apply", "-input=false", "-auto-approve", "-target=tenant_cyrisma_instance.ltd")
	// A plan in which the instance does not change passes; with the
	// organization to create, it fails.
	cli.MustRun(0, "plan", "-input=false", "-target=tenant_cyrisma_instance.ltd")
	out, code = cli.Run("plan", "-input=false")
	mustFailWith(t, "terraform plan", out, code, []string{"Error: Cryptr is not configured", "CRYPTR_CLIENT_SECRET"}, "Cyrisma is not configured")

	// Destroy. Terraform (and OpenTofu) first plan the configuration, the
	// organization's creation included, and the provider cannot tell that
	// plan from another: if it fails, the error says to destroy with
	// -refresh=false, which then is not held up by the organization.
	if out, code = cli.Run("destroy", "-input=false", "-auto-approve"); code != 0 {
		mustFailWith(t, "terraform destroy", out, code, []string{"Error: Cryptr is not configured",
			"(terraform destroy plans the configuration too before it destroys: to destroy other objects while these settings are missing, run it with -refresh=false.)"})
		out = cli.MustRun(0, "destroy", "-input=false", "-auto-approve", "-refresh=false")
	}
	if !strings.Contains(flatCLIOutput(out), "Warning: Cyrisma instance suspended, not deleted") || strings.Contains(out, "Error:") {
		t.Errorf("destroy: want the instance suspended, without an error:\n%s", out)
	}
}

// TestAccDestroyWarnsOfObjectsNotDeleted: destroying each object the APIs
// cannot delete prints a warning that says what destroy did instead and
// what remains at the vendor.
func TestAccDestroyWarnsOfObjectsNotDeleted(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", requiredTenant+env.ProviderBlock()+fmt.Sprintf(`
resource "tenant_cryptr_organization" "acme" {
  name = "Remains Industries"
}

resource "tenant_cryptr_sso_connection" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
  provider_type       = "saml.okta"
}

resource "tenant_cryptr_directory_sync" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
}

resource "tenant_cryptr_password_connection" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
  active              = true
}

resource "tenant_cryptr_magic_link_connection" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
  active              = false
}

resource "tenant_cryptr_totp_connection" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
  active              = true
}

resource "tenant_cyrisma_instance" "ltd" {
  parent_instance_id = %[1]q
  instance_type      = "standard"
  name               = "Remains Ltd"
  short_name         = "RemainsLtd"
  country            = "US"
  email              = "it@remains.example"
}

resource "tenant_cyrisma_user" "jane" {
  instance_id = %[1]q
  username    = "jane@remains.example"
  first_name  = "Jane"
  last_name   = "Doe"
}

resource "tenant_synerise_ip_allowlist" "this" {
  enabled   = true
  ip_policy = ["203.0.113.7"]
}
`, env.Fixtures.CyrismaRootInstanceID))
	cli.MustRun(0, "init", "-input=false")
	applied := cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	if strings.Contains(applied, "not deleted") {
		t.Errorf("the apply warns of a destroy:\n%s", applied)
	}
	destroyed := cli.MustRun(0, "destroy", "-input=false", "-auto-approve")
	t.Logf("terraform destroy:\n%s", destroyed)
	out := flatCLIOutput(destroyed)
	for _, want := range []string{
		`Warning: Cryptr SSO connection deactivated, not deleted`,
		`Destroy deactivated the SSO connection of organization "remains-industries" instead of deleting it: the Cryptr API has no call to delete an SSO connection. ` +
			`It remains at Cryptr, deactivated (active = false), with its provider type, metadata and settings; deleting the organization removes it for good.`,
		`Warning: Cryptr directory sync deactivated, not deleted`,
		`It remains at Cryptr, deactivated (active = false), with its SCIM token.`,
		`Warning: Cryptr password connection reset, not deleted`,
		`It remains at Cryptr, deactivated, with Cryptr's default rules: active = false, plain_text_min_length = 8, plain_text_max_length = 40, pepper_rotation_period = 86400, no forgot_password_template_id. Password login is off.`,
		`Warning: Cryptr magic-link connection reset, not deleted`,
		`It remains at Cryptr with Cryptr's defaults: active = true, find_or_create_user = false, no sign_in_template_id. Magic-link login stays on`,
		`Warning: Cryptr TOTP connection reset, not deleted`,
		`It remains at Cryptr with Cryptr's defaults: active = false, method = "totp_mobile_app", expiry_in_seconds = 30. TOTP is off.`,
		`Warning: Cyrisma instance suspended, not deleted`,
		`("Remains Ltd") instead of deleting it: the Cyrisma API has no call to delete or decommission an instance. It remains at Cyrisma, suspended: it keeps running`,
		`Only Cyrisma support can decommission it.`,
		`Warning: Cyrisma user disabled, not deleted`,
		`Destroy disabled user jane@remains.example (`,
		`It remains at Cyrisma, disabled (enabled = false): it can no longer sign in, and still appears in tenant_cyrisma_users.`,
		`Warning: Synerise IP allowlist turned off and emptied, not deleted`,
		`It remains at Synerise, off and empty (enabled = false, enable_support_subnets = false, ip_policy = []): the workspace's IP restriction is lifted.`,
		`Terraform no longer manages it. The provider's "Destroy behaviour" guide says how to manage it again.`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the destroy output lacks\n  %s", want)
		}
	}
	if n := strings.Count(out, ", not deleted"); n != 8 {
		t.Errorf("want 8 warnings (none for the organization, which is deleted), got %d", n)
	}
}
