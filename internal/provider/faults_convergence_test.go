package provider_test

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// Sizes and faults of the convergence suite (issue: "converge under faults").
const (
	faultOrganizations = 50
	faultInstances     = 20
	faultTokenTTL      = 5 * time.Second
	// faultClientRate is the provider's max_requests_per_second per service,
	// under the emulator's limit of 20 per service.
	faultClientRate = 15
)

// faultsUnderTest are the faults injected during the apply and the plan.
var faultsUnderTest = emulator.Faults{
	ErrorRate:           0.20,
	RateLimitPerSecond:  20,
	DropRate:            0.05,
	DropAfterCommitRate: 0.05,
	TokenTTLSeconds:     int(faultTokenTTL / time.Second),
}

// TestFaultsConvergence applies a large estate (50 Cryptr organizations with
// their SSO connection, admin and webhook; 20 Cyrisma instances with a user
// each; the Synerise IP allowlist) with -parallelism=10 under 20% 5xx
// answers, a rate limit of 20 requests per second per service with
// Retry-After, 5% of connections dropped before and 5% after the request is
// applied, and 5-second tokens, with max_retry_duration raised to 5 minutes
// (see the configuration). It passes when the first apply succeeds,
// the next plan (under the same faults) shows no changes, and the emulator
// holds exactly the declared objects: none orphaned, none duplicated.
//
// It is not an acceptance test of one resource but a property of the whole
// provider, run by `make test-faults` (and CI).
func TestFaultsConvergence(t *testing.T) {
	acctest.RequireAcceptance(t)
	env := acctest.NewEnvWith(t, emulator.Options{
		CryptrProvisioningDelay:  200 * time.Millisecond,
		CyrismaProvisioningDelay: 500 * time.Millisecond,
	})
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", faultEstateConfig())

	server := env.Emulator.Server
	server.SetFaults(faultsUnderTest)
	server.ResetRequestCounts()

	tokensBefore := server.TokensMinted()
	started := time.Now()
	out, code := cli.Run("apply", "-auto-approve", "-input=false", "-parallelism=10")
	applyTime := time.Since(started)
	applyCounts := server.RequestCounts()
	applyTokens := minted(tokensBefore, server.TokensMinted())
	reruns := 0
	for code != 0 && reruns < 2 {
		// A re-run is allowed only after a clear error, and counted.
		if !strings.Contains(out, "Error:") {
			t.Fatalf("apply failed without a clear error:\n%s", out)
		}
		reruns++
		t.Logf("apply failed (re-run %d):\n%s", reruns, errorLines(out))
		out, code = cli.Run("apply", "-auto-approve", "-input=false", "-parallelism=10")
	}
	if code != 0 {
		t.Fatalf("apply did not converge after %d re-runs:\n%s", reruns, out)
	}

	server.ResetRequestCounts()
	tokensBefore = server.TokensMinted()
	started = time.Now()
	planOut, planCode := cli.Run("plan", "-detailed-exitcode", "-input=false", "-parallelism=10")
	planTime := time.Since(started)
	planCounts := server.RequestCounts()
	planTokens := minted(tokensBefore, server.TokensMinted())
	if planCode != 0 {
		t.Errorf("the plan after the apply exited %d, want 0 (no changes):\n%s", planCode, planOut)
	}

	server.SetFaults(emulator.Faults{})
	orphans, duplicates := auditEstate(t, server.State(), terraformIDs(t, cli))

	resources := 4*faultOrganizations + 2*faultInstances + 1
	report := []string{
		fmt.Sprintf("resources: %d; faults: %+v; client limit %d requests/s per service", resources, faultsUnderTest, faultClientRate),
		fmt.Sprintf("apply: %s, re-runs %d, %d requests (%.1f per resource), injected %+v", applyTime.Round(time.Millisecond), reruns, applyCounts.Total, float64(applyCounts.Total)/float64(resources), applyCounts.Faults),
		fmt.Sprintf("apply logins: %s", loginsPerLifetime(applyTokens, applyTime)),
		fmt.Sprintf("plan: %s, exit %d, %d requests (%.2f per resource), injected %+v", planTime.Round(time.Millisecond), planCode, planCounts.Total, float64(planCounts.Total)/float64(resources), planCounts.Faults),
		fmt.Sprintf("plan logins: %s", loginsPerLifetime(planTokens, planTime)),
		fmt.Sprintf("emulator: %d orphaned, %d duplicated", len(orphans), len(duplicates)),
	}
	for _, line := range report {
		t.Log(line)
	}
	if path := os.Getenv("TENANT_FAULTS_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(strings.Join(report, "\n")+"\n"), 0o644); err != nil {
			t.Error(err)
		}
	}
	if reruns != 0 {
		t.Errorf("apply needed %d re-runs, want none", reruns)
	}
	if len(orphans) > 0 || len(duplicates) > 0 {
		t.Errorf("orphaned: %v\nduplicated: %v", orphans, duplicates)
	}
	faults := applyCounts.Faults
	if faults.Error == 0 || faults.Dropped == 0 || faults.DroppedAfterCommit == 0 {
		t.Errorf("the faults were not injected (%+v): the suite tests nothing", faults)
	}
}

// faultEstateConfig is the configuration of the convergence suite.
func faultEstateConfig() string {
	var b strings.Builder
	fmt.Fprintf(&b, `
terraform {
  required_providers {
    tenant = {
      source = "tenantops/tenant"
    }
  }
}

provider "tenant" {
  # Under 30%% failed requests, a Cyrisma instance create may lose its answer
  # several times, and each look-up that follows waits up to 30 s for the
  # instance to be listed: more than the default 2m retry budget.
  max_retry_duration = "5m"
  cryptr {
    max_requests_per_second = %[1]d
  }
  cyrisma {
    max_requests_per_second = %[1]d
  }
  synerise {
    max_requests_per_second = %[1]d
  }
}

locals {
  customers = toset([for i in range(%[2]d) : format("c%%02d", i)])
  msps      = toset([for i in range(%[3]d) : format("m%%02d", i)])
}

resource "tenant_cryptr_organization" "c" {
  for_each              = local.customers
  name                  = "Faults ${each.key}"
  allowed_email_domains = ["${each.key}.example.com"]
}

resource "tenant_cryptr_sso_connection" "c" {
  for_each            = local.customers
  organization_domain = tenant_cryptr_organization.c[each.key].domain
  provider_type       = "saml.okta"
  metadata_xml        = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp.example.com/${each.key}\"/>"
}

resource "tenant_cryptr_admin" "c" {
  for_each            = local.customers
  organization_domain = tenant_cryptr_organization.c[each.key].domain
  email               = "it@${each.key}.example.com"
}

resource "tenant_cryptr_webhook" "c" {
  for_each    = local.customers
  name        = "Faults hook ${each.key}"
  target_url  = "https://hooks.example.com/${each.key}"
  event_codes = ["dir_sync.all"]
}

data "tenant_cyrisma_instances" "root" {
  parent_id = ""
}

resource "tenant_cyrisma_instance" "m" {
  for_each           = local.msps
  parent_instance_id = data.tenant_cyrisma_instances.root.instances[0].id
  instance_type      = "organization"
  name               = "Faults MSP ${each.key}"
  short_name         = "faults-${each.key}"
  country            = "US"
  email              = "soc@${each.key}.example.com"
}

resource "tenant_cyrisma_user" "m" {
  for_each    = local.msps
  instance_id = tenant_cyrisma_instance.m[each.key].id
  username    = "ops@${each.key}.example.com"
  first_name  = "Ops"
  last_name   = upper(each.key)
}

resource "tenant_synerise_ip_allowlist" "this" {
  enabled   = true
  ip_policy = ["203.0.113.7", "198.51.100.0/24"]
}
`, faultClientRate, faultOrganizations, faultInstances)
	return b.String()
}

// terraformIDs returns the ids Terraform holds per resource type, from
// `terraform show -json`.
func terraformIDs(t *testing.T, cli *acctest.CLI) map[string]map[string]bool {
	t.Helper()
	var shown struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Type   string         `json:"type"`
					Mode   string         `json:"mode"`
					Values map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	out := cli.MustRun(0, "show", "-json")
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatalf("terraform show -json: %v\n%s", err, out)
	}
	ids := map[string]map[string]bool{}
	for _, r := range shown.Values.RootModule.Resources {
		if r.Mode != "managed" {
			continue
		}
		if ids[r.Type] == nil {
			ids[r.Type] = map[string]bool{}
		}
		id, _ := r.Values["id"].(string)
		ids[r.Type][id] = true
	}
	return ids
}

// auditEstate compares what the emulator holds with what Terraform holds:
// an orphan is a live object of the suite that no resource tracks; a
// duplicate is a natural key held by more than one live object.
func auditEstate(t *testing.T, st emulator.State, tracked map[string]map[string]bool) (orphans, duplicates []string) {
	t.Helper()
	keys := map[string]int{}
	seen := func(kind, key, id, trackedType string, trackedID string) {
		keys[kind+" "+key]++
		if !tracked[trackedType][trackedID] {
			orphans = append(orphans, fmt.Sprintf("%s %s (%s)", kind, key, id))
		}
	}
	orgs, admins, ssos, hooks, instances, users := 0, 0, 0, 0, 0, 0
	for _, org := range st.Cryptr.Organizations {
		if org.Deleted || !strings.HasPrefix(org.Name, "Faults ") {
			continue
		}
		orgs++
		seen("organization", org.Name, org.Domain, "tenant_cryptr_organization", org.Domain)
		if org.SSOConnection != nil {
			ssos++
			seen("sso_connection", org.Domain, org.SSOConnection.ID, "tenant_cryptr_sso_connection", org.SSOConnection.ID)
		}
		for _, a := range org.Admins {
			admins++
			seen("admin", a.Email, a.ID, "tenant_cryptr_admin", a.ID)
		}
	}
	for _, w := range st.Cryptr.Webhooks {
		if !strings.HasPrefix(w.Name, "Faults hook ") {
			continue
		}
		hooks++
		seen("webhook", w.Name+" "+w.TargetURL, w.ID, "tenant_cryptr_webhook", w.ID)
	}
	for _, in := range st.Cyrisma.Instances {
		if !strings.HasPrefix(in.ShortName, "faults-") {
			continue
		}
		instances++
		seen("instance", in.ShortName, in.InstanceID, "tenant_cyrisma_instance", in.InstanceID)
		for _, u := range in.Users {
			if u.Enabled {
				users++
				seen("cyrisma_user", u.Username, u.ID, "tenant_cyrisma_user", u.ID)
			}
		}
	}
	for key, n := range keys {
		if n > 1 {
			duplicates = append(duplicates, fmt.Sprintf("%s ×%d", key, n))
		}
	}
	sort.Strings(orphans)
	sort.Strings(duplicates)
	want := map[string][2]int{
		"organizations": {orgs, faultOrganizations}, "sso connections": {ssos, faultOrganizations},
		"admins": {admins, faultOrganizations}, "webhooks": {hooks, faultOrganizations},
		"instances": {instances, faultInstances}, "cyrisma users": {users, faultInstances},
	}
	for kind, got := range want {
		if got[0] != got[1] {
			t.Errorf("the emulator holds %d %s, want %d", got[0], kind, got[1])
		}
	}
	return orphans, duplicates
}

// minted is how many tokens each service minted between two readings.
func minted(before, after map[string]int) map[string]int {
	out := map[string]int{}
	for service, n := range after {
		out[service] = n - before[service]
	}
	return out
}

// loginsPerLifetime reports, per service, the tokens minted (logins and
// refreshes, including those whose answer a fault lost) and what they
// amount to per token lifetime of the phase's wall time. Terraform runs
// the apply's plan and apply walks in two provider processes, one after the
// other, each with its own token.
func loginsPerLifetime(tokens map[string]int, wall time.Duration) string {
	lifetimes := wall.Seconds() / faultTokenTTL.Seconds()
	var parts []string
	for _, service := range []string{"cryptr", "cyrisma", "synerise"} {
		parts = append(parts, fmt.Sprintf("%s %d (%.2f per %s token lifetime)", service, tokens[service], float64(tokens[service])/lifetimes, faultTokenTTL))
	}
	return strings.Join(parts, ", ")
}

// errorLines keeps terraform's output from its first error on.
func errorLines(out string) string {
	if i := strings.Index(out, "Error:"); i >= 0 {
		return out[i:]
	}
	return out
}
