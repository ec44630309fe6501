package provider_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// requiredTenant is the terraform block of the real-CLI tests' roots.
const requiredTenant = `
terraform {
  required_providers {
    tenant = { source = "tenantops/tenant" }
  }
}
`

// existingOrgConfig declares the organization the other objects of
// TestAccExistingObjectsImportOrAdopt belong to.
const existingOrgConfig = `
resource "tenant_cryptr_organization" "acme" {
  name                  = "Orphan Co"
  allowed_email_domains = ["orphan.example"]
}
`

// existingObjectsConfig declares one object of every kind whose create can
// find its natural key taken. root is the Cyrisma root instance.
func existingObjectsConfig(root string) string {
	return existingOrgConfig + fmt.Sprintf(`
resource "tenant_cryptr_organization" "beta" {
  name                  = "Orphan Beta"
  allowed_email_domains = ["beta.example"]
}

resource "tenant_cryptr_admin" "it" {
  organization_domain = tenant_cryptr_organization.acme.domain
  email               = "it@orphan.example"
}

resource "tenant_cryptr_user" "jo" {
  organization_domain = tenant_cryptr_organization.acme.domain
  email               = "jo@orphan.example"
  phone_number        = "+33123456789"
}

resource "tenant_cryptr_directory_sync" "scim" {
  organization_domain = tenant_cryptr_organization.acme.domain
}

resource "tenant_cryptr_webhook" "audit" {
  name        = "Orphan audit"
  target_url  = "https://hooks.example.com/orphan"
  event_codes = ["all"]
}

resource "tenant_cryptr_redirect_uri" "app" {
  uri = "https://orphan.example/callback"
}

resource "tenant_cyrisma_instance" "ltd" {
  parent_instance_id = %[1]q
  instance_type      = "standard"
  name               = "Orphan Ltd"
  short_name         = "OrphanLtd"
  country            = "US"
  email              = "it@orphan.example"
}

resource "tenant_cyrisma_user" "jane" {
  instance_id = %[1]q
  username    = "jane@orphan.example"
  first_name  = "Jane"
  last_name   = "Doe"
}
`, root)
}

// TestAccExistingObjectsImportOrAdopt: for every kind of object whose
// natural key can be taken (an organization's name, an admin's or user's
// email, an organization's directory sync, a webhook's name and target, a
// redirect URI, a Cyrisma instance's short name under its parent, a Cyrisma
// user's username), an object made outside this state (as a killed apply
// leaves it) makes the create fail with an error that names it and gives
// its import block, and creates no second one; with
// TENANT_ADOPT_EXISTING=true the next apply adopts each one, with a
// warning, and the plan after it is empty. Runs on every CLI of make test.
func TestAccExistingObjectsImportOrAdopt(t *testing.T) {
	acctest.RequireAcceptance(t)
	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	root := env.Fixtures.CyrismaRootInstanceID
	cli.WriteFile("main.tf", requiredTenant+env.ProviderBlock()+existingOrgConfig)
	cli.MustRun(0, "init", "-input=false")
	cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	domain := organizationDomain(t, env.Emulator.Server, "Orphan Co")

	// The objects a killed apply would have left behind.
	ids := map[string]string{}
	ids["tenant_cryptr_organization"] = createdField(t, "organization", "domain")(env.Cryptr(t, http.MethodPost, "/api/v2/organizations",
		url.Values{"name": {"Orphan Beta"}, "allowed_email_domains[]": {"beta.example"}}))
	createdField(t, "admin", "id")(env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/admins", url.Values{"email": {"it@orphan.example"}}))
	ids["tenant_cryptr_admin"] = domain + "/it@orphan.example"
	ids["tenant_cryptr_user"] = domain + "/" + createdField(t, "user", "id")(env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/users", url.Values{"email": {"jo@orphan.example"}}))
	createdField(t, "directory sync", "id")(env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/directory-sync", url.Values{}))
	ids["tenant_cryptr_directory_sync"] = domain
	ids["tenant_cryptr_webhook"] = createdField(t, "webhook", "id")(env.Cryptr(t, http.MethodPost, "/api/v2/webhooks",
		url.Values{"name": {"Orphan audit"}, "target_url": {"https://hooks.example.com/orphan"}, "event_codes[]": {"all"}}))
	ids["tenant_cryptr_redirect_uri"] = createdField(t, "redirect URI", "id")(env.Cryptr(t, http.MethodPost, "/api/v2/redirect-uris", url.Values{"uri": {"https://orphan.example/callback"}}))
	ids["tenant_cyrisma_instance"] = createdField(t, "instance", "instance_id")(env.Cyrisma(t, http.MethodPost, "/partner/instances/create", url.Values{
		"instance_type": {"standard"}, "is_consulting": {"false"}, "parent_instance_id": {root},
		"name": {"Orphan Ltd"}, "short_name": {"OrphanLtd"}, "country": {"US"}, "email": {"it@orphan.example"},
	}))
	ids["tenant_cyrisma_user"] = createdField(t, "user", "id")(env.Cyrisma(t, http.MethodPost, "/partner/instances/users/create", url.Values{
		"instance_id": {root}, "username": {"jane@orphan.example"}, "first_name": {"Jane"}, "last_name": {"Doe"},
	}))
	time.Sleep(time.Second) // past the emulator's provisioning delay: the instance is listed

	cli.WriteFile("main.tf", requiredTenant+env.ProviderBlock()+existingObjectsConfig(root))
	out, code := cli.Run("apply", "-input=false", "-auto-approve", "-parallelism=10")
	if code == 0 {
		t.Fatalf("apply over objects already there succeeded without adopt_existing:\n%s", out)
	}
	for typeName, id := range ids {
		block := fmt.Sprintf("import {\n  to = %s.<name>\n  id = %q\n}", typeName, id)
		if !strings.Contains(out, block) {
			t.Errorf("the error gives no import block for the existing %s %s; want\n%s\nin:\n%s", typeName, id, block, out)
		}
		if command := fmt.Sprintf("terraform import '%s.<name>' '%s'", typeName, id); !strings.Contains(out, command) {
			t.Errorf("the error gives no import command %q", command)
		}
	}
	assertEachOnce(t, env.Emulator.Server, domain)

	cli.SetEnv("TENANT_ADOPT_EXISTING", "true")
	out = cli.MustRun(0, "apply", "-input=false", "-auto-approve", "-parallelism=10")
	if got := strings.Count(out, "Warning: Adopted an existing"); got != len(ids) {
		t.Errorf("%d adoption warnings, want %d:\n%s", got, len(ids), out)
	}
	if out, code := cli.Run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adopting is not empty (exit %d):\n%s", code, out)
	}
	assertEachOnce(t, env.Emulator.Server, domain)
	state := cli.MustRun(0, "state", "list")
	for typeName := range ids {
		if !strings.Contains(state, typeName+".") {
			t.Errorf("%s is not in the state after adoption:\n%s", typeName, state)
		}
	}
}

// createdField returns a function that checks a create's answer (status
// 200 or 201) and returns the named string field of its JSON object.
func createdField(t *testing.T, what, field string) func(int, []byte) string {
	t.Helper()
	return func(status int, body []byte) string {
		t.Helper()
		if status != http.StatusOK && status != http.StatusCreated {
			t.Fatalf("creating the %s outside Terraform: %d %s", what, status, body)
		}
		obj, _ := acctest.JSON(t, body).(map[string]any)
		value, _ := obj[field].(string)
		if value == "" {
			t.Fatalf("creating the %s outside Terraform: no %q in %s", what, field, body)
		}
		return value
	}
}

// organizationDomain returns the domain of the live organization named name.
func organizationDomain(t *testing.T, s *emulator.Server, name string) string {
	t.Helper()
	for _, o := range s.State().Cryptr.Organizations {
		if o.Name == name && !o.Deleted {
			return o.Domain
		}
	}
	t.Fatalf("no organization named %q", name)
	return ""
}

// assertEachOnce checks that the emulator holds exactly one of each object
// of existingObjectsConfig: nothing was created twice.
func assertEachOnce(t *testing.T, s *emulator.Server, domain string) {
	t.Helper()
	st := s.State()
	counts := map[string]int{}
	for _, o := range st.Cryptr.Organizations {
		if o.Deleted {
			continue
		}
		counts["organization "+o.Name]++
		if o.Domain != domain {
			continue
		}
		for _, a := range o.Admins {
			counts["admin "+a.Email]++
		}
		for _, u := range o.Users {
			counts["user "+u.Email]++
		}
		counts["directory sync"] += len(o.DirectorySyncs)
	}
	for _, w := range st.Cryptr.Webhooks {
		counts["webhook "+w.Name+" "+w.TargetURL]++
	}
	for _, r := range st.Cryptr.RedirectURIs {
		counts["redirect URI "+r.URI]++
	}
	for _, i := range st.Cyrisma.Instances {
		counts["instance "+i.ShortName]++
		for _, u := range i.Users {
			counts["cyrisma user "+u.Username]++
		}
	}
	for _, key := range []string{
		"organization Orphan Co", "organization Orphan Beta", "admin it@orphan.example", "user jo@orphan.example",
		"directory sync", "webhook Orphan audit https://hooks.example.com/orphan", "redirect URI https://orphan.example/callback",
		"instance OrphanLtd", "cyrisma user jane@orphan.example",
	} {
		if counts[key] != 1 {
			t.Errorf("the emulator holds %d of %s, want exactly 1", counts[key], key)
		}
	}
}
