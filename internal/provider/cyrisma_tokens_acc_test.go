package provider_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// cyrismaLoginRoutes are the emulator's route keys of the Cyrisma login
// endpoint (with and without the documented trailing slash).
var cyrismaLoginRoutes = []string{"POST /app/partner/login", "POST /app/partner/login/"}

// cyrismaLogins returns the logins the emulator counted.
func cyrismaLogins(counts emulator.RequestCounts) int {
	n := 0
	for _, route := range cyrismaLoginRoutes {
		n += counts.Routes[route]
	}
	return n
}

// formatCounts lists request counts per route, one per line.
func formatCounts(counts emulator.RequestCounts) string {
	routes := make([]string, 0, len(counts.Routes))
	for route, n := range counts.Routes {
		routes = append(routes, fmt.Sprintf("%4d  %s", n, route))
	}
	sort.Strings(routes)
	return strings.Join(routes, "\n")
}

// loginsByGrant splits the recorded Cyrisma logins by grant_type and returns
// every exchange that was not answered 2xx.
func loginsByGrant(exchanges []acctest.Exchange) (grants map[string]int, failed []string) {
	grants = map[string]int{}
	for _, ex := range exchanges {
		if ex.Status < 200 || ex.Status > 299 {
			failed = append(failed, fmt.Sprintf("%s %s → %d", ex.Method, ex.Path, ex.Status))
		}
		if ex.Method == http.MethodPost && strings.TrimSuffix(ex.Path, "/") == "/app/partner/login" {
			grants[ex.Form.Get("grant_type")]++
		}
	}
	return grants, failed
}

// TestAccCyrismaTokens_manyInstances applies 24 instances with the real CLI
// (-parallelism=10) while access tokens live 2 s and provisioning takes 1 s, so that the apply outlives several tokens:
// no request fails (no 401 even reaches the client, let alone the user),
// and the logins follow the token lifetime, not the number of resources.
//
// The client renews a token early, at the latest half-way through its
// lifetime (10 s before expiry for 600 s tokens), so each provider process
// that calls the API logs in once (a password grant) and then renews about
// every ttl/2 while it works (refresh grants).
func TestAccCyrismaTokens_manyInstances(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	const instances, ttl = 24, 2 * time.Second
	base := acctest.NewEnvWith(t, emulator.Options{CyrismaProvisioningDelay: time.Second})
	env, rec := base.Recorded(t)
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", fmt.Sprintf(`
terraform {
  required_providers {
    tenant = { source = "tenantops/tenant" }
  }
}

provider "tenant" {}

data "tenant_cyrisma_instances" "root" {
  parent_id = ""
}

resource "tenant_cyrisma_instance" "customer" {
  count              = %d
  parent_instance_id = data.tenant_cyrisma_instances.root.instances[0].id
  instance_type      = "standard"
  name               = "Customer ${count.index}"
  short_name         = "C${count.index}"
  country            = "US"
  email              = "it@c${count.index}.example"
}
`, instances))
	cli.MustRun(0, "init", "-input=false")

	base.Emulator.Server.SetFaults(emulator.Faults{TokenTTLSeconds: int(ttl / time.Second)})
	base.Emulator.Server.ResetRequestCounts()
	rec.Reset()
	start := time.Now()
	out := cli.MustRun(0, "apply", "-input=false", "-auto-approve", "-parallelism=10")
	took := time.Since(start)

	counts := base.Emulator.Server.RequestCounts()
	grants, failed := loginsByGrant(rec.Exchanges())
	logins := cyrismaLogins(counts)
	t.Logf("apply of %d instances, token life %s, took %s: %d requests, %d logins (%d password, %d refresh grants)\n%s",
		instances, ttl, took.Round(100*time.Millisecond), counts.Total, logins, grants["password"], grants["refresh_token"], formatCounts(counts))

	if strings.Contains(out, "Error") {
		t.Errorf("the apply reported an error:\n%s", out)
	}
	if len(failed) > 0 {
		t.Errorf("%d requests failed:\n%s", len(failed), strings.Join(failed, "\n"))
	}
	if got := counts.Routes["POST /app/partner/instances/create"]; got != instances {
		t.Errorf("%d create requests, want %d", got, instances)
	}
	if got := grants["password"] + grants["refresh_token"]; got != logins {
		t.Errorf("the recorder saw %d logins, the emulator counted %d", got, logins)
	}
	// Terraform runs two provider processes that call the API during an
	// apply (plan and apply); allow one more. Renewals: one per half
	// lifetime of each, plus one of slack each.
	const processes = 3
	renewals := int(took/(ttl/2)) + 1
	if max := processes * (1 + renewals); logins > max {
		t.Errorf("%d logins for an apply of %s with %s tokens, want at most %d", logins, took, ttl, max)
	}
	if grants["password"] > processes {
		t.Errorf("%d password logins, want at most one per provider process (%d)", grants["password"], processes)
	}
	if logins >= instances {
		t.Errorf("%d logins for %d instances: that is one per resource, not one per token lifetime", logins, instances)
	}
}
