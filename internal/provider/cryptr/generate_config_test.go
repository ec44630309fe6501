package cryptr_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// existingCustomer makes, out of band, a customer with every Cryptr object,
// as it would exist before Terraform manages it, and returns the import
// blocks that bring it under Terraform.
func existingCustomer(t *testing.T, env *acctest.Env) string {
	t.Helper()
	const domain = "legacy-customer"
	org := "/api/v2/org/" + domain + "/"
	create := func(what, method, path string, form url.Values, want int) map[string]any {
		t.Helper()
		status, body := env.Cryptr(t, method, path, form)
		acctest.MustStatus(t, what, status, body, want)
		out, _ := acctest.JSON(t, body).(map[string]any)
		return out
	}
	create("organization", http.MethodPost, "/api/v2/organizations", url.Values{"name": {"Legacy Customer"}, "allowed_email_domains[]": {"legacy.example", "legacy.io"}}, http.StatusCreated)
	create("SSO connection", http.MethodPost, org+"sso-connection", url.Values{"provider_type": {"saml.okta"}, "users_access_policy": {"only_registered_users"}, "number_users_provisioning_limit": {"250"}}, http.StatusCreated)
	create("directory sync", http.MethodPost, org+"directory-sync", nil, http.StatusCreated)
	create("password connection", http.MethodPost, org+"password-connection", url.Values{"plain_text_min_length": {"10"}, "plain_text_max_length": {"80"}}, http.StatusCreated)
	create("magic-link connection", http.MethodPut, org+"magic-link-connection", url.Values{"find_or_create_user": {"true"}}, http.StatusOK)
	create("TOTP connection", http.MethodPut, org+"totp-connection", url.Values{"active": {"true"}, "method": {"sms"}}, http.StatusOK)
	create("admin", http.MethodPost, org+"admins", url.Values{"email": {"it@legacy.example"}}, http.StatusCreated)
	user := create("user", http.MethodPost, org+"users", url.Values{"email": {"ann@legacy.example"}, "profile[given_name]": {"Ann"}, "profile[family_name]": {"Lee"}}, http.StatusCreated)
	create("user metadata", http.MethodPut, org+"users/"+user["id"].(string)+"/add-metadata", url.Values{"key": {"employee_id"}, "value": {"L-7"}}, http.StatusOK)
	webhook := create("webhook", http.MethodPost, "/api/v2/webhooks", url.Values{"name": {"Legacy audit"}, "target_url": {"https://hooks.legacy.example/cryptr"}, "event_codes[]": {"dir_sync.all", "sso_saml.all"}}, http.StatusCreated)
	redirect := create("redirect URI", http.MethodPost, "/api/v2/redirect-uris", url.Values{"uri": {"https://app.legacy.example/callback"}, "default": {"true"}}, http.StatusCreated)

	blocks := ""
	for _, imp := range [][2]string{
		{"tenant_cryptr_organization.legacy", domain},
		{"tenant_cryptr_sso_connection.legacy", domain},
		{"tenant_cryptr_directory_sync.legacy", domain},
		{"tenant_cryptr_password_connection.legacy", domain},
		{"tenant_cryptr_magic_link_connection.legacy", domain},
		{"tenant_cryptr_totp_connection.legacy", domain},
		{"tenant_cryptr_admin.it", domain + "/it@legacy.example"},
		{"tenant_cryptr_user.ann", domain + "/" + user["id"].(string)},
		{"tenant_cryptr_webhook.audit", webhook["id"].(string)},
		{"tenant_cryptr_redirect_uri.app", redirect["id"].(string)},
	} {
		blocks += fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", imp[0], imp[1])
	}
	return blocks
}

// TestAccCryptrGenerateConfig brings an existing customer under Terraform as
// a user would: import blocks, `terraform plan -generate-config-out`, apply,
// and then a plan that shows no changes, with the real CLI.
func TestAccCryptrGenerateConfig(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", `
terraform {
  required_providers {
    tenant = { source = "tenantops/tenant" }
  }
}
provider "tenant" {}
`+existingCustomer(t, env))

	cli.MustRun(0, "plan", "-input=false", "-generate-config-out=generated.tf")
	generated := cli.ReadFile("generated.tf")
	for _, want := range []string{`resource "tenant_cryptr_organization" "legacy"`, `resource "tenant_cryptr_user" "ann"`, `"L-7"`, `resource "tenant_cryptr_redirect_uri" "app"`, `"legacy.example"`} {
		if !strings.Contains(generated, want) {
			t.Fatalf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	t.Log("generated.tf:\n" + generated)
	out := cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "10 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("want the 10 objects imported and nothing else changed:\n%s", out)
	}
	// 0 = no changes: the generated configuration matches what was imported.
	if out, code := cli.Run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("plan after importing with generated config is not empty (exit %d):\n%s\ngenerated.tf:\n%s", code, out, generated)
	}
}
