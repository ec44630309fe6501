package provider_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// TestAccExampleCustomerOnboarding applies examples/customer-onboarding (a
// customer with every Cryptr object) with the real CLI, checks that the next
// plan is empty, and reports the requests of one refresh per route.
func TestAccExampleCustomerOnboarding(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	cli.CopyDir("examples/customer-onboarding")
	cli.MustRun(0, "init", "-input=false")
	cli.MustRun(0, "apply", "-input=false", "-auto-approve")

	// The plan after apply is empty, and its refresh makes exactly one read
	// per managed object, plus one token.
	env.Emulator.Server.ResetRequestCounts()
	if out, code := cli.Run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after apply is not empty (exit %d):\n%s", code, out)
	}
	counts := env.Emulator.Server.RequestCounts()
	routes := make([]string, 0, len(counts.Routes))
	for route, n := range counts.Routes {
		routes = append(routes, fmt.Sprintf("%3d  %s", n, route))
	}
	sort.Strings(routes)
	t.Logf("requests of one plan (refresh) of examples/customer-onboarding (%d in all):\n%s", counts.Total, strings.Join(routes, "\n"))
	state := cli.MustRun(0, "state", "list")
	resources := strings.Count(strings.TrimSpace(state), "\n") + 1
	if want := resources + 1; counts.Total != want {
		t.Errorf("one refresh made %d requests, want %d (one read per resource of %d, plus one token)", counts.Total, want, resources)
	}
}
