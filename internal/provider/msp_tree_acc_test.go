package provider_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// TestAccExampleMSPTree applies examples/msp-tree with the real CLI while
// access tokens live 5 s: first with Contoso as a trial, then with the
// default variables, which convert it to managed in place. The next plan is
// empty, and the API holds the tree: the suspended customer hidden from the
// listing, MFA on the organization, two enabled users. It logs the
// emulator's counted logins of the first apply (the whole tree).
func TestAccExampleMSPTree(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	const ttl = 5 * time.Second
	base := acctest.NewEnvWith(t, emulator.Options{CyrismaProvisioningDelay: time.Second})
	env, rec := base.Recorded(t)
	cli := env.NewCLI(t)
	cli.CopyDir("examples/msp-tree")
	cli.MustRun(0, "init", "-input=false")

	base.Emulator.Server.SetFaults(emulator.Faults{TokenTTLSeconds: int(ttl / time.Second)})
	base.Emulator.Server.ResetRequestCounts()
	rec.Reset()
	start := time.Now()
	out := cli.MustRun(0, "apply", "-input=false", "-auto-approve", "-var", "contoso_trial_over=false")
	took := time.Since(start)
	counts := base.Emulator.Server.RequestCounts()
	grants, failed := loginsByGrant(rec.Exchanges())
	logins := cyrismaLogins(counts)
	t.Logf("examples/msp-tree apply, token life %s, took %s: %d requests, %d logins (%d password, %d refresh grants)\n%s",
		ttl, took.Round(100*time.Millisecond), counts.Total, logins, grants["password"], grants["refresh_token"], formatCounts(counts))
	if !strings.Contains(out, "Apply complete! Resources: 8 added, 0 changed, 0 destroyed.") {
		t.Errorf("unexpected apply output:\n%s", out)
	}
	if len(failed) > 0 {
		t.Errorf("%d requests failed:\n%s", len(failed), strings.Join(failed, "\n"))
	}
	const processes = 3 // see TestAccCyrismaTokens_manyInstances
	if max := processes * (2 + int(took/(ttl/2))); logins > max {
		t.Errorf("%d logins for an apply of %s with %s tokens, want at most %d", logins, took, ttl, max)
	}

	// The trial is over: the conversion is an in-place update.
	out, code := cli.Run("plan", "-input=false", "-detailed-exitcode")
	if code != 2 || !strings.Contains(out, "~ managed") || !strings.Contains(out, "Plan: 0 to add, 1 to change, 0 to destroy.") {
		t.Fatalf("plan of the conversion (exit %d):\n%s", code, out)
	}
	cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	if out, code := cli.Run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after apply is not empty (exit %d):\n%s", code, out)
	}

	// The API's view: the suspended customer is hidden from the listing.
	status, body := env.Cyrisma(t, http.MethodGet, "/partner/instances/info", nil)
	acctest.MustStatus(t, "list instances", status, body, http.StatusOK)
	var listed []struct {
		ShortName    string `json:"short_name"`
		IsConsulting bool   `json:"is_consulting"`
		MFA          string `json:"mfa"`
	}
	if err := json.Unmarshal(body, &listed); err != nil {
		t.Fatal(err)
	}
	byName := map[string]int{}
	for i, in := range listed {
		byName[in.ShortName] = i
	}
	for _, name := range []string{"Northwind", "NW East", "NW West", "Contoso", "Fabrikam"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("%s is not listed: %s", name, body)
		}
	}
	if _, ok := byName["Tailspin"]; ok || len(listed) != 6 {
		t.Errorf("want the root and five active instances listed (Tailspin suspended), got %s", body)
	}
	if i, ok := byName["Northwind"]; ok && listed[i].MFA != "2" {
		t.Errorf("organization MFA = %q, want \"2\" (authenticator)", listed[i].MFA)
	}
	if i, ok := byName["Contoso"]; ok && listed[i].IsConsulting {
		t.Error("Contoso is still a trial after the conversion")
	}
	status, body = env.Cyrisma(t, http.MethodGet, "/partner/users/info", nil)
	acctest.MustStatus(t, "list users", status, body, http.StatusOK)
	var users []map[string]any
	if err := json.Unmarshal(body, &users); err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 {
		t.Errorf("want two portal users, got %s", body)
	}
}
