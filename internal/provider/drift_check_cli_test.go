package provider_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// driftCheckCLI is how drift-check.sh names the CLI at path in its
// summaries: its base name (terraform, tofu), and the product the drift is
// said to be outside of (Terraform, or OpenTofu for tofu).
func driftCheckCLI(path string) (name, product string) {
	name = filepath.Base(path)
	if strings.HasPrefix(strings.ToLower(name), "tofu") {
		return name, "OpenTofu"
	}
	return name, "Terraform"
}

// TestDriftCheckSummaryNamesTheCLI feeds drift-summary.py the plan of
// TestDriftCheckSummary with --cli tofu (as a path, as drift-check.sh may
// be given one): the text and Markdown summaries name tofu in the planned
// actions and OpenTofu in the drift, never terraform or Terraform.
func TestDriftCheckSummaryNamesTheCLI(t *testing.T) {
	for _, cli := range []string{"tofu", "/opt/opentofu/bin/tofu"} {
		t.Run(cli, func(t *testing.T) {
			markdown := filepath.Join(t.TempDir(), "summary.md")
			out, code := summarise(t, driftPlan(t, true), "--title", "stacks/prod", "--markdown", markdown, "--cli", cli)
			if code != 0 {
				t.Fatalf("drift-summary.py exited %d:\n%s", code, out)
			}
			b, err := os.ReadFile(markdown)
			if err != nil {
				t.Fatal(err)
			}
			md := string(b)
			for _, want := range []string{
				"stacks/prod: Drift detected: 3 objects changed outside OpenTofu.\n",
				"tenant_cryptr_webhook.audit: changed outside OpenTofu\n",
				"tenant_cryptr_organization.gone: deleted outside OpenTofu\n",
				"Planned actions (tofu apply would):\n",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("the text summary lacks %q:\n%s", want, out)
				}
			}
			for _, want := range []string{
				"Drift detected: 3 objects changed outside OpenTofu.\n",
				"- `tenant_cryptr_webhook.audit`: changed outside OpenTofu\n",
				"**Planned actions** (`tofu apply` would):\n",
			} {
				if !strings.Contains(md, want) {
					t.Errorf("the Markdown summary lacks %q:\n%s", want, md)
				}
			}
			for name, doc := range map[string]string{"text": out, "Markdown": md} {
				if strings.Contains(strings.ToLower(doc), "terraform") || strings.Contains(doc, "/opt/") {
					t.Errorf("the %s summary of a tofu plan names terraform or the CLI's path:\n%s", name, doc)
				}
			}
		})
	}

	out, code := summarise(t, driftPlan(t, false), "--cli", "tofu")
	if code != 0 || !strings.Contains(out, "No change outside OpenTofu was reported, but 4 objects differ") ||
		!strings.Contains(out, "tenant_cryptr_organization.gone: missing (never created, or deleted outside OpenTofu)\n") {
		t.Errorf("drift-summary.py --cli tofu without drift exited %d:\n%s", code, out)
	}
}

// TestDriftCheckScriptNamesTheCLI runs drift-check.sh with TF set to the
// absolute path of a stand-in CLI named tofu, then one named terraform:
// with drift, with nothing to apply and with a failed plan, the printed and
// Markdown summaries name that CLI by its name (never its path, never the
// other CLI), and the failure on stderr gives the path that was run.
func TestDriftCheckScriptNamesTheCLI(t *testing.T) {
	stub := "#!/usr/bin/env bash\n" +
		"for arg; do case $arg in plan) exit \"$STUB_PLAN_EXIT\" ;; show) cat \"$STUB_SHOW\"; exit 0 ;; esac; done\nexit 1\n"
	show := filepath.Join(t.TempDir(), "show.json")
	if err := os.WriteFile(show, []byte(driftPlan(t, true)), 0o600); err != nil {
		t.Fatal(err)
	}
	noDrift := filepath.Join(t.TempDir(), "no-drift.json")
	if err := os.WriteFile(noDrift, []byte(driftPlan(t, false)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"tofu", "terraform"} {
		t.Run(name, func(t *testing.T) {
			tools := t.TempDir()
			path := filepath.Join(tools, name)
			if err := os.WriteFile(path, []byte(stub), 0o755); err != nil {
				t.Fatal(err)
			}
			cli, product := driftCheckCLI(path)
			other := map[string]string{"tofu": "terraform", "terraform": "tofu"}[name]
			for _, tc := range []struct {
				what, planExit, show string
				wantCode             int
				wantOut, wantMD      []string
			}{
				{"drift", "2", show, 2,
					[]string{"Drift detected: 3 objects changed outside " + product + ".\n", "Planned actions (" + cli + " apply would):\n"},
					[]string{"**Planned actions** (`" + cli + " apply` would):\n"}},
				{"no drift", "0", noDrift, 0,
					[]string{"drift-check: no drift in DIR (" + cli + " plan has no changes)\n"},
					[]string{"No drift (`" + cli + " plan` has no changes).\n"}},
				{"failed plan", "1", show, 1,
					[]string{"drift-check: " + path + " plan failed in "},
					[]string{"The check failed: `" + cli + " plan` exited 1 (see the job log).\n"}},
			} {
				dir := t.TempDir()
				markdown := filepath.Join(t.TempDir(), "summary.md")
				cmd := exec.Command("bash", pipelineFile(t, "drift-check.sh"), dir)
				cmd.Env = append(os.Environ(), "TF="+path, "STUB_SHOW="+tc.show, "STUB_PLAN_EXIT="+tc.planExit, "DRIFT_SUMMARY_FILE="+markdown)
				out, code := acctest.RunCommand(t, cmd)
				b, err := os.ReadFile(markdown)
				if err != nil {
					t.Fatal(err)
				}
				// The directory checked is named in the summaries: out of the way.
				out, md := strings.ReplaceAll(out, dir, "DIR"), strings.ReplaceAll(string(b), dir, "DIR")
				if code != tc.wantCode {
					t.Errorf("%s: drift-check.sh exited %d, want %d:\n%s", tc.what, code, tc.wantCode, out)
				}
				for _, want := range tc.wantOut {
					if !strings.Contains(out, want) {
						t.Errorf("%s: the output lacks %q:\n%s", tc.what, want, out)
					}
				}
				for _, want := range tc.wantMD {
					if !strings.Contains(md, want) {
						t.Errorf("%s: the Markdown summary lacks %q:\n%s", tc.what, want, md)
					}
				}
				if strings.Contains(md, tools) || strings.Contains(strings.ToLower(md), other) {
					t.Errorf("%s: the Markdown summary names the CLI's path or %s:\n%s", tc.what, other, md)
				}
				if tc.what != "failed plan" && (strings.Contains(out, tools) || strings.Contains(strings.ToLower(out), other)) {
					t.Errorf("%s: the summary names the CLI's path or %s:\n%s", tc.what, other, out)
				}
			}
		})
	}
}
