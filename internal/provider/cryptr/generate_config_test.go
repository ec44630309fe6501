package cryptr_test

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// existingCustomer makes, out of band, a customer as it would exist before
// Terraform manages it, and returns the import blocks that bring it under
// Terraform.
func existingCustomer(t *testing.T, env *acctest.Env) string {
	t.Helper()
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/organizations", url.Values{"name": {"Legacy Customer"}, "allowed_email_domains[]": {"legacy.example", "legacy.io"}})
	acctest.MustStatus(t, "create organization", status, body, http.StatusCreated)
	return `
import {
  to = tenant_cryptr_organization.legacy
  id = "legacy-customer"
}
`
}

// TestAccCryptrGenerateConfig brings an existing customer under Terraform as
// a user would: import blocks, `terraform plan -generate-config-out`, apply,
// and then a plan that shows no changes, with the real CLI.
func TestAccCryptrGenerateConfig(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make testacc does)")
	}
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
	for _, want := range []string{`resource "tenant_cryptr_organization" "legacy"`, `name`, `"legacy.example"`} {
		if !strings.Contains(generated, want) {
			t.Fatalf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	t.Log("generated.tf:\n" + generated)
	cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	// 0 = no changes: the generated configuration matches what was imported.
	if out, code := cli.Run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("plan after importing with generated config is not empty (exit %d):\n%s\ngenerated.tf:\n%s", code, out, generated)
	}
}
