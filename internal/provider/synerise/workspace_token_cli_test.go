package synerise_test

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// cliProvider is the provider requirement of the CLI tests, with a synerise
// block body ("" to take everything from the environment, where the
// emulator's API key wins).
func cliProvider(syneriseBody string) string {
	block := ""
	if syneriseBody != "" {
		block = "\n  synerise {\n    " + syneriseBody + "\n  }\n"
	}
	return `terraform {
  required_providers {
    tenant = { source = "tenantops/tenant" }
  }
}

provider "tenant" {` + block + "}\n"
}

// cliModes are the authentication modes of the CLI tests.
func cliModes(env *acctest.Env) map[string]string {
	return map[string]string{
		"api key":        "",
		"user with TOTP": userBlock(env, env.Vars["SYNERISE_USERNAME"], env.Vars["SYNERISE_PASSWORD"], env.Vars["SYNERISE_MFA_TOTP_SECRET"]),
	}
}

const tokenCheckConfig = `
data "tenant_synerise_workspace" "current" {}

ephemeral "tenant_synerise_workspace_token" "this" {}

locals {
  authorization = "Bearer ${ephemeral.tenant_synerise_workspace_token.this.token}"
}

# The check passes only if the token reached Terraform: a JWT with a
# readable expiry. (The config itself must not hold the text of a JWT header.)
check "token" {
  assert {
    condition     = can(regex("^Bearer ey[\\w-]+\\.[\\w-]+\\.[\\w-]+$", local.authorization)) && length(local.authorization) > 200 && ephemeral.tenant_synerise_workspace_token.this.expires_at != null
    error_message = "The workspace token is not a JWT."
  }
}

output "workspace" {
  value = data.tenant_synerise_workspace.current.name
}
`

// TestAccSyneriseWorkspaceToken_notInPlanOrState plans to a file and
// applies it with the real CLI, in both modes: the check block proves that
// the token reached Terraform, and neither the saved plan (every file of
// the archive, and its JSON) nor the state holds a JWT or a "token"
// attribute.
func TestAccSyneriseWorkspaceToken_notInPlanOrState(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	for mode, block := range cliModes(env) {
		t.Run(mode, func(t *testing.T) {
			cli := env.NewCLI(t)
			cli.WriteFile("main.tf", cliProvider(block)+tokenCheckConfig)
			cli.MustRun(0, "init", "-input=false")
			cli.MustRun(0, "plan", "-input=false", "-out=tfplan")
			planJSON := cli.MustRun(0, "show", "-json", "tfplan")
			assertNoToken(t, "the plan JSON", planJSON)
			assertCheckPassed(t, "the plan", planJSON, "checks")
			for name, content := range zipEntries(t, filepath.Join(cli.Dir, "tfplan")) {
				if strings.Contains(content, "eyJ") {
					t.Errorf("the saved plan's %s holds a JWT", name)
				}
			}
			cli.MustRun(0, "apply", "-input=false", "tfplan")
			state := cli.ReadFile("terraform.tfstate")
			assertNoToken(t, "the state", state)
			assertCheckPassed(t, "the state", state, "check_results")
			if !strings.Contains(state, `"tenant_synerise_workspace"`) {
				t.Errorf("the state lacks the data source:\n%s", state)
			}
		})
	}
}

// assertNoToken fails if doc holds a JWT or any attribute named token.
func assertNoToken(t *testing.T, what, doc string) {
	t.Helper()
	if strings.Contains(doc, "eyJ") {
		t.Errorf("%s holds a JWT:\n%s", what, doc)
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("%s is not JSON: %v", what, err)
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				if k == "token" || k == "expires_at" {
					t.Errorf("%s has an attribute %q", what, k)
				}
				walk(child)
			}
		case []any:
			for _, child := range v {
				walk(child)
			}
		}
	}
	walk(v)
}

// assertCheckPassed fails unless the check results under key all passed.
func assertCheckPassed(t *testing.T, what, doc, key string) {
	t.Helper()
	var parsed map[string][]struct {
		Status string `json:"status"`
	}
	var raw map[string]json.RawMessage
	_ = json.Unmarshal([]byte(doc), &raw)
	_ = json.Unmarshal([]byte(fmt.Sprintf(`{"r":%s}`, orNull(raw[key]))), &parsed)
	if len(parsed["r"]) != 1 || parsed["r"][0].Status != "pass" {
		t.Errorf("%s: check results %s, want one passed check", what, raw[key])
	}
}

func orNull(b json.RawMessage) string {
	if len(b) == 0 {
		return "null"
	}
	return string(b)
}

// zipEntries reads every file of a zip archive (a saved plan).
func zipEntries(t *testing.T, path string) map[string]string {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the saved plan: %v", err)
	}
	defer r.Close()
	out := map[string]string{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	if len(out) == 0 {
		t.Fatal("the saved plan is empty")
	}
	return out
}
