// Package acctest holds what the acceptance tests of every service share:
// the provider factories, an emulator per test with the provider block that
// points at it, and raw calls to the emulated APIs for out-of-band changes,
// made as a person in the vendor's console would, without the provider's
// client.
package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/provider"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

func init() {
	// The emulator provisions in milliseconds; poll accordingly.
	fwkit.PollInterval = 50 * time.Millisecond
}

// ProviderFactories serves the provider in process for the Terraform CLI.
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"tenant": providerserver.NewProtocol6WithError(provider.New("acctest")()),
}

// PreCheck fails the test, rather than skipping it, when the Terraform CLI
// the acceptance tests need cannot be found.
func PreCheck(t *testing.T) {
	t.Helper()
	if path := os.Getenv("TF_ACC_TERRAFORM_PATH"); path != "" {
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("TF_ACC_TERRAFORM_PATH=%s: %v: install Terraform or point TF_ACC_TERRAFORM_PATH at it", path, err)
		}
		return
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatal("the acceptance tests need the terraform CLI: install it or set TF_ACC_TERRAFORM_PATH")
	}
}

// Env is an emulator started for one test.
type Env struct {
	Emulator *emulator.TestServer
	// Vars are the emulator's environment variables (URLs and demo credentials).
	Vars map[string]string
	// Fixtures are the emulator's extra test data.
	Fixtures emulator.Fixtures
}

// NewEnv starts an emulator with short provisioning delays, stopped when the test ends.
func NewEnv(t *testing.T) *Env {
	t.Helper()
	return NewEnvWith(t, emulator.Options{
		CryptrProvisioningDelay:  300 * time.Millisecond,
		CyrismaProvisioningDelay: 300 * time.Millisecond,
	})
}

// NewEnvWith starts an emulator with the given options, stopped when the test ends.
func NewEnvWith(t *testing.T, opts emulator.Options) *Env {
	t.Helper()
	em := emulator.StartTestServer(opts)
	t.Cleanup(em.Close)
	return &Env{Emulator: em, Vars: em.Env(), Fixtures: em.Server.Fixtures()}
}

// ProviderBlock returns a provider block for every service of the emulator,
// with Synerise in API-key mode. extraSynerise, when set, replaces the
// synerise block's body.
func (e *Env) ProviderBlock() string {
	return e.ProviderBlockWithSynerise(fmt.Sprintf("api_url = %q\n    api_key = %q", e.Vars["SYNERISE_API_URL"], e.Vars["SYNERISE_API_KEY"]))
}

// ProviderBlockWithSynerise returns the provider block with the given body
// for the synerise block.
func (e *Env) ProviderBlockWithSynerise(syneriseBody string) string {
	v := e.Vars
	return fmt.Sprintf(`
provider "tenant" {
  max_retries = 2
  cryptr {
    service_url    = %q
    account_domain = %q
    client_id      = %q
    client_secret  = %q
  }
  cyrisma {
    api_url    = %q
    api_key    = %q
    api_secret = %q
  }
  synerise {
    %s
  }
}
`, v["CRYPTR_SERVICE_URL"], v["CRYPTR_ACCOUNT_DOMAIN"], v["CRYPTR_CLIENT_ID"], v["CRYPTR_CLIENT_SECRET"],
		v["CYRISMA_API_URL"], v["CYRISMA_API_KEY"], v["CYRISMA_API_SECRET"], syneriseBody)
}

// ProductionProviderBlock returns a provider block, aliased alias,
// authenticated with the emulator's production API key: Cryptr objects
// scoped to an environment (directory syncs, webhooks, redirect URIs, users)
// created through it live in production.
//
// Use it WITHOUT the default block of Config: the tests serve the provider
// in process, and Terraform then sends every provider configuration to the
// same server, where the last one configured wins. (Real Terraform starts one
// provider process per configuration, so users can mix aliases freely.)
func (e *Env) ProductionProviderBlock(alias string) string {
	v := e.Vars
	return fmt.Sprintf(`
provider "tenant" {
  alias = %q
  cryptr {
    service_url    = %q
    account_domain = %q
    client_id      = %q
    client_secret  = %q
  }
}
`, alias, v["CRYPTR_SERVICE_URL"], v["CRYPTR_ACCOUNT_DOMAIN"], e.Fixtures.CryptrProductionClientID, e.Fixtures.CryptrProductionClientSecret)
}

// Config joins the provider block and resource configuration.
func (e *Env) Config(parts ...string) string {
	return e.ProviderBlock() + strings.Join(parts, "\n")
}
