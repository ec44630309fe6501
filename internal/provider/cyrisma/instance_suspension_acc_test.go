package cyrisma_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// Emulator routes counted by the suspension test.
const (
	routeReadInstance   = "GET /app/partner/instances/info/{instance_id}"
	routeListInstances  = "GET /app/partner/instances/info"
	routeReactivateInfo = "PATCH /app/partner/instances/info"
	routeSuspend        = "PATCH /app/partner/instances/suspend"
	routeUnmatched      = "unmatched"
)

// suspensionConfig declares len(suspended) customer instances under root,
// instance i suspended when suspended[i].
func suspensionConfig(root string, suspended ...bool) string {
	flags := make([]string, len(suspended))
	for i, s := range suspended {
		flags[i] = fmt.Sprint(s)
	}
	return fmt.Sprintf(`
terraform {
  required_providers {
    tenant = { source = "tenantops/tenant" }
  }
}

provider "tenant" {}

locals {
  suspended = [%s]
}

resource "tenant_cyrisma_instance" "customer" {
  count              = length(local.suspended)
  parent_instance_id = %q
  instance_type      = "standard"
  name               = "Suspension ${count.index}"
  short_name         = "Susp${count.index}"
  country            = "US"
  email              = "it+${count.index}@suspension.example"
  suspended          = local.suspended[count.index]
}

output "ids" {
  value = tenant_cyrisma_instance.customer[*].id
}
`, strings.Join(flags, ", "), root)
}

// TestAccCyrismaInstance_suspensionEndToEnd runs the suspension path on the
// emulator as it answers by default, exactly as the reference documents
// (no status on instances: a suspended one is missing from the full
// listing), with the real CLI: a create suspended by configuration, a
// suspension by configuration, drift from an out-of-band suspension and an
// out-of-band reactivation (on the reference's PATCH /partner/instances/info),
// both reverted, and the cost of a refresh: one read by id per instance plus
// the shared listing.
func TestAccCyrismaInstance_suspensionEndToEnd(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	server := env.Emulator.Server
	root := env.Fixtures.CyrismaRootInstanceID
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", suspensionConfig(root, true, false, false, false))
	cli.MustRun(0, "init", "-input=false")

	// Create: instance 0 is created, then suspended.
	out := cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "Apply complete! Resources: 4 added, 0 changed, 0 destroyed.") {
		t.Fatalf("apply:\n%s", out)
	}
	var ids []string
	if err := json.Unmarshal([]byte(cli.MustRun(0, "output", "-json", "ids")), &ids); err != nil || len(ids) != 4 {
		t.Fatalf("output ids: %v %v", ids, err)
	}
	expectSuspended := func(what string, want ...bool) {
		t.Helper()
		for i, id := range ids {
			inst := apiInstance(t, env, id)
			if _, reported := inst["enabled"]; reported {
				t.Fatalf("the emulator reports enabled on instances, which the reference does not: %v", inst)
			}
			if got := apiSuspended(t, env, id); got != want[i] {
				t.Errorf("%s: instance %d suspended = %v at the API, want %v", what, i, got, want[i])
			}
		}
	}
	expectSuspended("after create", true, false, false, false)

	// Refresh: one read by id per instance, plus the listing they share
	// (one more at most for the suspended one, whose absence is checked on
	// a listing sent after its own read).
	server.ResetRequestCounts()
	cli.MustRun(0, "plan", "-input=false", "-detailed-exitcode")
	routes := server.RequestCounts().Routes
	if reads, lists := routes[routeReadInstance], routes[routeListInstances]; reads != len(ids) || lists < 1 || lists > 2 {
		t.Errorf("refresh of %d instances (1 suspended): %d reads by id and %d listings, want %d and 1 or 2", len(ids), reads, lists, len(ids))
	}
	t.Logf("refresh of %d instances (1 suspended): %d reads by id + %d listing(s)", len(ids), routes[routeReadInstance], routes[routeListInstances])

	// Suspension by configuration: instance 1.
	cli.WriteFile("main.tf", suspensionConfig(root, true, true, false, false))
	out = cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "Resources: 0 added, 1 changed, 0 destroyed.") {
		t.Fatalf("apply of the suspension:\n%s", out)
	}
	expectSuspended("after the suspension by configuration", true, true, false, false)

	// Out of band: instance 2 suspended, instance 0 reactivated (on the
	// reference's path). The plan shows both and apply reverts them.
	status, body := env.Cyrisma(t, http.MethodPatch, "/partner/instances/suspend", url.Values{"instance_id": {ids[2]}})
	acctest.MustStatus(t, "out-of-band suspend", status, body, http.StatusOK)
	status, body = env.Cyrisma(t, http.MethodPatch, "/partner/instances/info", url.Values{"instance_id": {ids[0]}})
	acctest.MustStatus(t, "out-of-band reactivate", status, body, http.StatusOK)
	out = cli.MustRun(2, "plan", "-input=false", "-detailed-exitcode")
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?s)tenant_cyrisma_instance\.customer\[0\] will be updated in-place.*?~ suspended\s+= false -> true`),
		regexp.MustCompile(`(?s)tenant_cyrisma_instance\.customer\[2\] will be updated in-place.*?~ suspended\s+= true -> false`),
		regexp.MustCompile(`Plan: 0 to add, 2 to change, 0 to destroy\.`),
	} {
		if !want.MatchString(out) {
			t.Errorf("drift plan does not match %s:\n%s", want, out)
		}
	}
	server.ResetRequestCounts()
	cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	routes = server.RequestCounts().Routes
	// The provider tries /reactivate first; the emulator serves the
	// reference's /info only, so one 404, then /info.
	if routes[routeReactivateInfo] != 1 || routes[routeUnmatched] != 1 || routes[routeSuspend] != 1 {
		t.Errorf("reverting the drift: %d PATCH /info, %d unmatched, %d suspend; want 1, 1 and 1 (all: %v)",
			routes[routeReactivateInfo], routes[routeUnmatched], routes[routeSuspend], routes)
	}
	expectSuspended("after reverting the drift", true, true, false, false)
	cli.MustRun(0, "plan", "-input=false", "-detailed-exitcode")

	// Destroy suspends the active ones; the listing holds the root only.
	cli.MustRun(0, "destroy", "-input=false", "-auto-approve")
	expectSuspended("after destroy", true, true, true, true)
	status, body = env.Cyrisma(t, http.MethodGet, "/partner/instances/info", nil)
	acctest.MustStatus(t, "list", status, body, http.StatusOK)
	var listed []map[string]any
	if err := json.Unmarshal(body, &listed); err != nil || len(listed) != 1 || listed[0]["instance_id"] != root {
		t.Errorf("listing after destroy: %s, want the root only", body)
	}
}
