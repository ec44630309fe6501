package provider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// flatCLIOutput joins the lines of terraform's output, which wraps
// diagnostics inside a box drawn with "│", so that a message can be looked
// for whatever its line breaks.
func flatCLIOutput(out string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╷", " ", "╵", " ").Replace(out)), " ")
}

// mustFailWith checks that a terraform command failed (exit 1) with every
// one of wants in its output (compared with line breaks flattened), and
// without any of unwanted.
func mustFailWith(t *testing.T, what, out string, code int, wants []string, unwanted ...string) {
	t.Helper()
	t.Logf("%s:\n%s", what, out)
	flat := flatCLIOutput(out)
	if code != 1 {
		t.Errorf("%s exited %d, want 1:\n%s", what, code, out)
	}
	for _, want := range wants {
		if !strings.Contains(flat, flatCLIOutput(want)) {
			t.Errorf("%s: the output lacks\n  %s\noutput:\n%s", what, want, out)
		}
	}
	for _, bad := range unwanted {
		if strings.Contains(flat, bad) {
			t.Errorf("%s: the output has %q:\n%s", what, bad, out)
		}
	}
}

// TestAccSSOProviderTypeTypoFailsThePlan: a typo in provider_type, which
// Cryptr could never correct (no change, no delete), fails `terraform plan`
// with a diagnostic on the attribute that suggests the type meant, and
// nothing reaches the API.
func TestAccSSOProviderTypeTypoFailsThePlan(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", requiredTenant+env.ProviderBlock()+`
resource "tenant_cryptr_organization" "acme" {
  name = "Typo Industries"
}

resource "tenant_cryptr_sso_connection" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
  provider_type       = "saml.okat"
}
`)
	out, code := cli.Run("plan", "-input=false")
	mustFailWith(t, "terraform plan", out, code, []string{
		`Error: Invalid provider_type`,
		`with tenant_cryptr_sso_connection.acme,`,
		`provider_type = "saml.okat"`,
		`provider_type must be one of "saml.azure_ad", "saml.adfs", "saml.okta", "saml.ping_federate", "saml.ping_one", "saml.auth0", "saml.onelogin", "saml.custom" or "unset", got "saml.okat": did you mean "saml.okta"?`,
		`Cryptr can neither change the provider type of an SSO connection nor delete the connection, so a wrong provider type could not be corrected after the apply.`,
	})
	if n := env.Emulator.Server.RequestCounts().Total; n != 0 {
		t.Errorf("the plan made %d API requests before failing; want none: %v", n, env.Emulator.Server.RequestCounts().Routes)
	}

	// The type meant plans.
	cli.WriteFile("main.tf", strings.Replace(cli.ReadFile("main.tf"), `"saml.okat"`, `"saml.okta"`, 1))
	cli.MustRun(0, "plan", "-input=false")
}

// TestAccImportWrongShapedIDs: `terraform import` with an ID of the wrong
// kind (a name where a domain or an ID is expected, an email without its
// organization) fails at once with a message that says what the ID must be,
// what was given, where to find the right one, and gives an example, in
// place of Terraform's "non-existent remote object". An ID of the right
// shape that names nothing still gets that.
func TestAccImportWrongShapedIDs(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", requiredTenant+env.ProviderBlock()+fmt.Sprintf(`
resource "tenant_cryptr_organization" "globex" {
  name = "Globex Corporation"
}

resource "tenant_cryptr_admin" "it" {
  organization_domain = "globex-corporation"
  email               = "it@globex.example"
}

resource "tenant_cyrisma_instance" "contoso" {
  parent_instance_id = %q
  instance_type      = "standard"
  name               = "Contoso Ltd"
  short_name         = "Contoso"
  country            = "US"
  email              = "it@contoso.example"
}
`, env.Fixtures.CyrismaRootInstanceID))

	for _, tt := range []struct {
		address, id string
		wants       []string
	}{
		{"tenant_cryptr_organization.globex", "Globex Corporation", []string{
			`Error: Invalid import ID`,
			`The import ID "Globex Corporation" does not have the expected format "domain": it looks like a name, not an organization domain. ` +
				`Did you mean "globex-corporation"? It is the domain Cryptr gives an organization created with the name "Globex Corporation".`,
			`Expected: the organization's domain: lowercase letters, digits and dashes, such as acme-industries.`,
			`Where to find it: data.tenant_cryptr_organizations lists every organization with its name and domain (a tenant_cryptr_organization exports it as domain).`,
			`For example: terraform import tenant_cryptr_organization.<name> acme-industries`,
		}},
		{"tenant_cyrisma_instance.contoso", "Contoso Ltd", []string{
			`Error: Invalid import ID`,
			`The import ID "Contoso Ltd" does not have the expected format "id": it looks like a name, not an ID.`,
			`Expected: the instance's ID (not its name or short name): an identifier without white space or "/", as the API reports it.`,
			`Where to find it: data.tenant_cyrisma_instances lists the instances with their id, name and short_name.`,
			`For example: terraform import tenant_cyrisma_instance.<name> 9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d`,
		}},
		{"tenant_cryptr_admin.it", "it@globex.example", []string{
			`Error: Invalid import ID`,
			`The import ID "it@globex.example" does not have the expected format "organization_domain/email": it has 1 part where 2 are expected, joined by "/" ("it@globex.example" looks like an email address): ` +
				`the organization_domain part is missing, the ID should be <organization_domain>/it@globex.example.`,
			`Expected: organization_domain/email, where`,
			`- organization_domain is the domain of the admin's organization: lowercase letters, digits and dashes, such as acme-industries`,
			`- email is the admin's email: an email address such as it@acme.com`,
			`Where to find it: data.tenant_cryptr_admins (organization_domain = "acme-industries") lists the admins of an organization with their email; data.tenant_cryptr_organizations lists every organization`,
			`For example: terraform import tenant_cryptr_admin.<name> acme-industries/it@acme.com`,
		}},
	} {
		out, code := cli.Run("import", "-input=false", tt.address, tt.id)
		mustFailWith(t, fmt.Sprintf("terraform import %s %q", tt.address, tt.id), out, code, tt.wants, "non-existent remote object")
	}
	// The wrong IDs were refused before any look-up.
	if n := env.Emulator.Server.RequestCounts().Total; n != 0 {
		t.Errorf("the wrong-shaped imports made %d API requests; want none: %v", n, env.Emulator.Server.RequestCounts().Routes)
	}

	// An ID of the right shape that names nothing: Terraform's own message, as before.
	out, code := cli.Run("import", "-input=false", "tenant_cryptr_organization.globex", "globex-corporation")
	mustFailWith(t, "terraform import of an organization that does not exist", out, code,
		[]string{"Cannot import non-existent remote object"}, "Invalid import ID")
}
