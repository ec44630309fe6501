package provider_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// traceSecretsConfig declares an object of every secret-bearing path of the
// provider: Cryptr (an organization with its SSO connection, its directory
// sync and SCIM token, an admin and a user, and a webhook with its signing
// key), Cyrisma (a customer instance, with its agent key, and a portal
// user) and Synerise in both modes: the default provider uses the API key
// of the environment (IP allowlist, workspaces, key permissions, workspace
// token), the aliased one logs in as the user with TOTP MFA (workspaces,
// current workspace, workspace token). The user's credentials come from
// sensitive variables (TF_VAR_*), as they would in a pipeline; the checks
// prove that both workspace tokens reached Terraform.
const traceSecretsConfig = `
terraform {
  required_providers {
    tenant = { source = "tenantops/tenant" }
  }
}

provider "tenant" {}

variable "synerise_username" {
  type = string
}

variable "synerise_password" {
  type      = string
  sensitive = true
}

variable "synerise_workspace_uuid" {
  type = string
}

variable "synerise_mfa_totp_secret" {
  type      = string
  sensitive = true
}

provider "tenant" {
  alias = "synerise_user"
  synerise {
    username        = var.synerise_username
    password        = var.synerise_password
    workspace_uuid  = var.synerise_workspace_uuid
    mfa_totp_secret = var.synerise_mfa_totp_secret
  }
}

# Cryptr.
resource "tenant_cryptr_organization" "acme" {
  name                  = "Trace Secrets"
  allowed_email_domains = ["trace.example"]
}

resource "tenant_cryptr_sso_connection" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
  provider_type       = "saml.okta"
  metadata_xml        = <<-XML
    <?xml version="1.0" encoding="UTF-8"?>
    <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk1trace">
      <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
        <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://trace.okta.com/app/exk1trace/sso/saml"/>
      </md:IDPSSODescriptor>
    </md:EntityDescriptor>
  XML
}

resource "tenant_cryptr_directory_sync" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
  token_rotation      = "2025-01"
}

resource "tenant_cryptr_webhook" "audit" {
  name        = "Trace audit"
  target_url  = "https://hooks.example.com/cryptr/trace"
  event_codes = ["all"]
}

resource "tenant_cryptr_admin" "it" {
  organization_domain = tenant_cryptr_organization.acme.domain
  email               = "it@trace.example"
}

resource "tenant_cryptr_user" "jane" {
  organization_domain = tenant_cryptr_organization.acme.domain
  email               = "jane@trace.example"
}

# Cyrisma.
data "tenant_cyrisma_instances" "root" {
  parent_id = ""
}

resource "tenant_cyrisma_instance" "customer" {
  parent_instance_id = data.tenant_cyrisma_instances.root.instances[0].id
  instance_type      = "standard"
  name               = "Trace Customer"
  short_name         = "Trace"
  country            = "US"
  email              = "it@trace.example"
}

resource "tenant_cyrisma_user" "jane" {
  instance_id = data.tenant_cyrisma_instances.root.instances[0].id
  username    = "jane@trace.example"
  first_name  = "Jane"
  last_name   = "Trace"
}

# Synerise, API-key mode.
resource "tenant_synerise_ip_allowlist" "this" {
  enabled   = false
  ip_policy = ["203.0.113.7", "198.51.100.0/24"]
}

data "tenant_synerise_workspaces" "key" {}

data "tenant_synerise_api_key_permissions" "key" {
  permissions = ["CATALOGS_CATALOG_READ"]
}

ephemeral "tenant_synerise_workspace_token" "key" {}

# Synerise, user mode with TOTP MFA.
data "tenant_synerise_workspaces" "user" {
  provider = tenant.synerise_user
}

data "tenant_synerise_workspace" "user" {
  provider = tenant.synerise_user
}

ephemeral "tenant_synerise_workspace_token" "user" {
  provider = tenant.synerise_user
}

check "tokens" {
  assert {
    condition = alltrue([
      for t in [ephemeral.tenant_synerise_workspace_token.key.token, ephemeral.tenant_synerise_workspace_token.user.token] :
      length(t) > 100
    ])
    error_message = "A workspace token did not reach Terraform."
  }
}

output "user_workspace" {
  value = data.tenant_synerise_workspace.user.name
}
`

// minSecretLength is the length under which a value is not looked for:
// short values (a 6-digit TOTP code, a "US" or a "1") could appear in the
// log innocently, inside timestamps, ids or other text, and would make the
// test fail for nothing. The credentials and tokens are far longer.
const minSecretLength = 8

// secretEnvName matches the names of the emulator's environment variables
// whose values are credentials (not URLs, domains, client ids, user names
// or workspace ids).
var secretEnvName = regexp.MustCompile(`(?i)(secret|password|passwd|api_key|token)`)

// TestAccTraceLogHasNoSecrets applies, then plans, traceSecretsConfig with
// the real CLI at TF_LOG=TRACE (apply logging to TF_LOG_PATH, plan to
// stderr), and checks that no secret appears in the log file or in the
// output of either command: not the emulator's credentials of the
// environment, not a sensitive value of the resulting state (SCIM tokens,
// signing keys, agent keys...), and not any token or secret the emulator
// issued during the run (access and refresh tokens, workspace tokens,
// SCIM tokens, webhook secrets, seeded credentials), whether written as is,
// URL-encoded, JSON-escaped or in base64. As a positive control, it checks
// that the log shows the provider's HTTP traffic (the "http" subsystem's
// request and response lines) and that enough secrets were looked for.
func TestAccTraceLogHasNoSecrets(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", traceSecretsConfig)
	cli.SetEnv("TF_VAR_synerise_username", env.Vars["SYNERISE_USERNAME"])
	cli.SetEnv("TF_VAR_synerise_password", env.Vars["SYNERISE_PASSWORD"])
	cli.SetEnv("TF_VAR_synerise_workspace_uuid", env.Vars["SYNERISE_WORKSPACE_UUID"])
	cli.SetEnv("TF_VAR_synerise_mfa_totp_secret", env.Vars["SYNERISE_MFA_TOTP_SECRET"])
	cli.MustRun(0, "init", "-input=false")

	logPath := filepath.Join(cli.Dir, "trace.log")
	cli.SetEnv("TF_LOG", "TRACE")
	cli.SetEnv("TF_LOG_PATH", logPath)
	applyOut := cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	// The plan logs to stderr, which Run captures with stdout.
	cli.SetEnv("TF_LOG_PATH", "")
	planOut := cli.MustRun(0, "plan", "-input=false")
	cli.SetEnv("TF_LOG", "")
	stateJSON := cli.MustRun(0, "show", "-json")

	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{"the TRACE log file of apply": string(raw), "the output of apply": applyOut, "the output (and TRACE log) of plan": planOut}

	// Positive controls: the runs did what they should, with HTTP traffic
	// logged by the provider in both logs.
	for _, out := range []string{applyOut, planOut} {
		if strings.Contains(out, "Check block assertion failed") {
			t.Errorf("a workspace token did not reach Terraform:\n%s", out)
		}
	}
	if !strings.Contains(applyOut, "Apply complete! Resources: 9 added") {
		t.Errorf("unexpected apply output:\n%s", applyOut)
	}
	for name, doc := range map[string]string{"the TRACE log file of apply": string(raw), "the TRACE log of plan": planOut} {
		requests, responses := httpLogLines(doc, "API request"), httpLogLines(doc, "API response")
		t.Logf("%s: %d bytes, %d API requests and %d responses logged by the provider", name, len(doc), requests, responses)
		if requests < 10 || responses < 10 {
			t.Errorf("%s logs %d API requests and %d responses of the provider's http subsystem, want at least 10 each", name, requests, responses)
		}
	}
	for _, route := range []string{"/api/v2/oauth/token", "/partner/login", "/uauth/v2/auth/login/profile", "/uauth/auth/login/user/mfa/verification"} {
		if !strings.Contains(string(raw), route) {
			t.Errorf("the TRACE log of apply has no request to %s: the test misses a login", route)
		}
	}

	// The secrets: credentials of the environment, sensitive values of the
	// state, and everything the emulator issued.
	secrets := map[string]string{} // value -> where it comes from
	add := func(value, from string) {
		if len(value) < minSecretLength {
			return
		}
		if _, ok := secrets[value]; !ok {
			secrets[value] = from
		}
	}
	var envNames []string
	for name, value := range env.Vars {
		if secretEnvName.MatchString(name) {
			add(value, "the environment variable "+name)
			envNames = append(envNames, name)
		}
	}
	sort.Strings(envNames)
	t.Logf("secret environment variables: %s", strings.Join(envNames, ", "))
	add(env.Fixtures.CryptrProductionClientSecret, "the Cryptr production client secret")
	add(env.Fixtures.SyneriseNoMFAPassword, "the password of the Synerise user without MFA")
	stateSecrets := sensitiveStateValues(t, stateJSON)
	for path, value := range stateSecrets {
		add(value, "the sensitive state value "+path)
	}
	issued := env.Emulator.Server.IssuedSecrets()
	for i, value := range issued {
		add(value, fmt.Sprintf("issued secret #%d of the emulator", i))
	}
	// Basic authentication would carry "id:secret" pairs in base64.
	add(base64.StdEncoding.EncodeToString([]byte(env.Vars["CRYPTR_CLIENT_ID"]+":"+env.Vars["CRYPTR_CLIENT_SECRET"])), "Cryptr's client credentials in base64")
	add(base64.StdEncoding.EncodeToString([]byte(env.Vars["CYRISMA_API_KEY"]+":"+env.Vars["CYRISMA_API_SECRET"])), "Cyrisma's credentials in base64")
	for _, want := range []string{"scim_token", "signature_key", "agent_key"} {
		found := false
		for path := range stateSecrets {
			found = found || strings.Contains(path, want)
		}
		if !found {
			t.Errorf("the state has no sensitive %s: the test misses a secret-bearing path (sensitive values: %v)", want, sortedKeys(stateSecrets))
		}
	}
	tokens := 0
	for _, v := range issued {
		if strings.HasPrefix(v, "eyJ") {
			tokens++
		}
	}
	t.Logf("looking for %d secret values (%d sensitive in the state, %d issued by the emulator, %d of them JWTs), as is, URL-encoded, JSON-escaped and in base64",
		len(secrets), len(stateSecrets), len(issued), tokens)
	if len(secrets) < 12 || len(stateSecrets) < 3 || tokens < 4 {
		t.Errorf("too few secrets to look for (%d, %d from the state, %d JWTs issued): the test would pass vacuously", len(secrets), len(stateSecrets), tokens)
	}

	if leaks := findLeaks(secrets, docs); len(leaks) > 0 {
		t.Errorf("%d secret leaks:\n%s", len(leaks), strings.Join(leaks, "\n"))
	}
}

// httpLogLines counts the lines of log that the provider's http subsystem
// wrote with message msg ("API request", "API response").
func httpLogLines(log, msg string) int {
	n := 0
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "terraform-provider-tenant") && strings.Contains(line, ": "+msg+":") && strings.Contains(line, "@module=tenant.http") {
			n++
		}
	}
	return n
}

// sensitiveStateValues returns the sensitive string values of the state
// that `terraform show -json` printed, keyed by resource address and
// attribute path.
func sensitiveStateValues(t *testing.T, showJSON string) map[string]string {
	t.Helper()
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address         string          `json:"address"`
					Values          json.RawMessage `json:"values"`
					SensitiveValues json.RawMessage `json:"sensitive_values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(showJSON), &state); err != nil {
		t.Fatalf("terraform show -json: %v\n%s", err, showJSON)
	}
	out := map[string]string{}
	var walk func(path string, value, sensitive any)
	walk = func(path string, value, sensitive any) {
		if sensitive == true {
			collectStrings(path, value, out)
			return
		}
		switch s := sensitive.(type) {
		case map[string]any:
			v, _ := value.(map[string]any)
			for k, child := range s {
				walk(path+"."+k, v[k], child)
			}
		case []any:
			v, _ := value.([]any)
			for i, child := range s {
				if i < len(v) {
					walk(fmt.Sprintf("%s[%d]", path, i), v[i], child)
				}
			}
		}
	}
	for _, r := range state.Values.RootModule.Resources {
		var values, sensitive any
		_ = json.Unmarshal(r.Values, &values)
		_ = json.Unmarshal(r.SensitiveValues, &sensitive)
		walk(r.Address, values, sensitive)
	}
	return out
}

// collectStrings adds every string in v, however deeply nested, to out.
func collectStrings(path string, v any, out map[string]string) {
	switch v := v.(type) {
	case string:
		out[path] = v
	case map[string]any:
		for k, child := range v {
			collectStrings(path+"."+k, child, out)
		}
	case []any:
		for i, child := range v {
			collectStrings(fmt.Sprintf("%s[%d]", path, i), child, out)
		}
	}
}

// encoding is one written form of a secret.
type encoding struct{ name, text string }

// encodings returns the forms a secret could take in a log: as is,
// URL-encoded (form bodies, queries), JSON-escaped (JSON bodies, log
// fields) and in base64; and, for a JWT, its signature alone, so that a
// token cut short or split still counts.
func encodings(secret string) []encoding {
	forms := []encoding{{"as is", secret}}
	if q := url.QueryEscape(secret); q != secret {
		forms = append(forms, encoding{"URL-encoded", q})
	}
	if j, _ := json.Marshal(secret); string(j[1:len(j)-1]) != secret {
		forms = append(forms, encoding{"JSON-escaped", string(j[1 : len(j)-1])})
	}
	forms = append(forms, encoding{"in base64", base64.StdEncoding.EncodeToString([]byte(secret))},
		encoding{"in base64url", base64.RawURLEncoding.EncodeToString([]byte(secret))})
	if parts := strings.Split(secret, "."); len(parts) == 3 && strings.HasPrefix(secret, "eyJ") && len(parts[2]) >= minSecretLength {
		forms = append(forms, encoding{"as a JWT signature", parts[2]})
	}
	return forms
}

// redacted shows the start of a secret, enough to recognize it.
func redacted(secret string) string {
	if len(secret) <= 8 {
		return "********"
	}
	return secret[:4] + "…(" + fmt.Sprint(len(secret)) + " chars)"
}

// around returns up to 80 characters of doc on each side of a match at i
// of n characters, with the match, and any other secret, masked.
func around(doc string, i, n int, secrets map[string]string) string {
	from, to := max(0, i-80), min(len(doc), i+n+80)
	excerpt := doc[from:i] + "<SECRET>" + doc[i+n:to]
	for secret := range secrets {
		excerpt = strings.ReplaceAll(excerpt, secret, "<SECRET>")
	}
	return strings.ReplaceAll(excerpt, "\n", "⏎")
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// findLeaks looks for every secret (value -> where it comes from) in every
// document (name -> text), as is and in each of its encodings, and
// describes each place it appears, sorted.
func findLeaks(secrets, docs map[string]string) []string {
	var leaks []string
	for value, from := range secrets {
		for _, form := range encodings(value) {
			for name, doc := range docs {
				if i := strings.Index(doc, form.text); i >= 0 {
					leaks = append(leaks, fmt.Sprintf("%s (%s) appears %s in %s: …%s…", from, redacted(value), form.name, name, around(doc, i, len(form.text), secrets)))
				}
			}
		}
	}
	sort.Strings(leaks)
	return leaks
}
