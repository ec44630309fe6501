package provider_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// Size of the estate TestAccKilledApplyThenAdopt applies and kills.
const (
	killedOrganizations = 20
	killedWebhooks      = 10
	// killedAfter is how many organizations the API must have made before
	// the apply is killed: each is then still waiting for its provisioning,
	// so none of them is in the state yet.
	killedAfter = 5
)

// killedApplyConfig is 20 organizations and 10 webhooks.
const killedApplyConfig = `
resource "tenant_cryptr_organization" "customer" {
  count = 20
  name  = format("Killed %02d", count.index)
}

resource "tenant_cryptr_webhook" "audit" {
  count       = 10
  name        = format("Killed hook %02d", count.index)
  target_url  = "https://hooks.example.com/killed"
  event_codes = ["all"]
}
`

// TestAccKilledApplyThenAdopt kills terraform and the provider with SIGKILL
// part-way through an apply of 20 organizations and 10 webhooks (as a lost
// CI runner or an out-of-memory kill would), while organizations the API
// has made are still provisioning and so not in the state. Then an apply
// fails with an error that gives the import block of each such orphan, and
// creates nothing twice; and one apply with TENANT_ADOPT_EXISTING=true
// converges to exactly the declared objects, with an empty plan after it.
// Runs on every CLI of make test.
func TestAccKilledApplyThenAdopt(t *testing.T) {
	acctest.RequireAcceptance(t)
	env := acctest.NewEnvWith(t, emulator.Options{
		CryptrProvisioningDelay:  4 * time.Second,
		CyrismaProvisioningDelay: 300 * time.Millisecond,
	})
	server := env.Emulator.Server
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", requiredTenant+env.ProviderBlock()+killedApplyConfig)
	cli.MustRun(0, "init", "-input=false")

	run := cli.Start("apply", "-input=false", "-auto-approve", "-parallelism=10")
	deadline := time.Now().Add(2 * time.Minute)
	for len(killedObjects(server)["organization"]) < killedAfter {
		if run.Exited() || time.Now().After(deadline) {
			t.Fatalf("the apply ended or stalled before %d organizations were made:\n%s", killedAfter, run.Kill())
		}
		time.Sleep(20 * time.Millisecond)
	}
	run.Kill()
	made := killedObjects(server)
	recorded, listed := cli.Run("state", "list")
	if listed != 0 && !strings.Contains(recorded, "No state file was found") {
		t.Fatalf("terraform state list exited %d:\n%s", listed, recorded)
	}
	inState := map[string]bool{}
	for _, address := range strings.Fields(recorded) {
		inState[address] = true
	}
	orphans := 0
	for _, name := range made["organization"] {
		index, _ := strconv.Atoi(strings.TrimPrefix(name, "Killed "))
		if !inState[fmt.Sprintf("tenant_cryptr_organization.customer[%d]", index)] {
			orphans++
		}
	}
	if orphans == 0 {
		t.Fatalf("the kill left no organization outside the state (made %v; state:\n%s)", made["organization"], recorded)
	}
	t.Logf("killed with %d organizations and %d webhooks made, %d organizations not in the state", len(made["organization"]), len(made["webhook"]), orphans)

	out, code := cli.Run("apply", "-input=false", "-auto-approve", "-parallelism=10")
	if code == 0 {
		t.Fatalf("the apply after the kill succeeded without adopt_existing, over %d orphans:\n%s", orphans, out)
	}
	if got := strings.Count(out, "import {\n  to = tenant_cryptr_organization.<name>\n  id = \"killed-"); got < orphans {
		t.Errorf("%d import blocks for organizations, want at least %d:\n%s", got, orphans, out)
	}
	assertNoneTwice(t, server)

	cli.SetEnv("TENANT_ADOPT_EXISTING", "true")
	out = cli.MustRun(0, "apply", "-input=false", "-auto-approve", "-parallelism=10")
	if !strings.Contains(out, "Warning: Adopted an existing Cryptr organization") {
		t.Errorf("no adoption warning after the kill:\n%s", out)
	}
	if out, code := cli.Run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after the adopting apply is not empty (exit %d):\n%s", code, out)
	}
	assertNoneTwice(t, server)
	made = killedObjects(server)
	if len(made["organization"]) != killedOrganizations || len(made["webhook"]) != killedWebhooks {
		t.Fatalf("the emulator holds %d organizations and %d webhooks, want exactly %d and %d",
			len(made["organization"]), len(made["webhook"]), killedOrganizations, killedWebhooks)
	}
}

// killedObjects lists the names of the live organizations and webhooks of
// killedApplyConfig that the emulator holds, by kind.
func killedObjects(s *emulator.Server) map[string][]string {
	st := s.State()
	out := map[string][]string{}
	for _, o := range st.Cryptr.Organizations {
		if !o.Deleted && strings.HasPrefix(o.Name, "Killed ") {
			out["organization"] = append(out["organization"], o.Name)
		}
	}
	for _, w := range st.Cryptr.Webhooks {
		if strings.HasPrefix(w.Name, "Killed hook ") {
			out["webhook"] = append(out["webhook"], w.Name)
		}
	}
	return out
}

// assertNoneTwice fails the test if any organization or webhook name of
// killedApplyConfig is held twice.
func assertNoneTwice(t *testing.T, s *emulator.Server) {
	t.Helper()
	seen := map[string]bool{}
	for kind, names := range killedObjects(s) {
		for _, name := range names {
			if seen[kind+name] {
				t.Errorf("the %s %q exists twice", kind, name)
			}
			seen[kind+name] = true
		}
	}
}
