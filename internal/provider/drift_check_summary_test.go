package provider_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// driftPlanSecrets are the secret values of driftPlanJSON: sensitive
// attributes of every side of every change, sensitive outputs, a variable
// and the copies in prior_state, planned_values and configuration.
var driftPlanSecrets = []string{
	"tok-OLD-SECRET-1", "tok-NEW-SECRET-2", "SIGNATURE-KEY-SECRET-3", "HEADER-SECRET-4", "HEADER-SECRET-5",
	"SCIM-SECRET-6", "AGENT-KEY-SECRET-7", "OUTPUT-SECRET-8", "OUTPUT-SECRET-9", "VARIABLE-SECRET-10",
}

// driftPlanJSON is a hand-made `terraform show -json PLANFILE` document:
// a webhook changed outside Terraform (one plain attribute, a sensitive one,
// one with a sensitive key inside and an unchanged sensitive one), an
// organization deleted outside Terraform, an instance changed outside
// Terraform with a value too long to print whole; the plan's reconciling
// changes, a data source read, a no-op, a replacement, and sensitive
// outputs. LONG_BEFORE and LONG_AFTER stand for long values.
const driftPlanJSON = `{
  "format_version": "1.2",
  "variables": {"hook_url": {"value": "https://hooks.example.com/tok-OLD-SECRET-1"}, "key": {"value": "VARIABLE-SECRET-10"}},
  "planned_values": {"root_module": {"resources": [{"address": "tenant_cryptr_webhook.audit", "values": {"signature_key": "SIGNATURE-KEY-SECRET-3"}}]}},
  "prior_state": {"values": {"root_module": {"resources": [{"address": "tenant_cryptr_organization.gone", "values": {"scim_token": "SCIM-SECRET-6"}}]}}},
  "configuration": {"root_module": {"variables": {"key": {"default": "VARIABLE-SECRET-10", "sensitive": true}}}},
  "resource_drift": [
    {"address": "tenant_cryptr_webhook.audit", "mode": "managed", "change": {"actions": ["update"],
      "before": {"id": "webhook_1", "event_codes": ["all"], "target_url": "https://hooks.example.com/tok-OLD-SECRET-1",
        "signature_key": "SIGNATURE-KEY-SECRET-3", "headers": {"x-team": "blue", "x-token": "HEADER-SECRET-4"}, "updated_at": "2026-01-01T00:00:00"},
      "after": {"id": "webhook_1", "event_codes": ["dir_sync.all"], "target_url": "https://hooks.example.com/tok-NEW-SECRET-2",
        "signature_key": "SIGNATURE-KEY-SECRET-3", "headers": {"x-team": "red", "x-token": "HEADER-SECRET-5"}, "updated_at": "2026-01-02T00:00:00"},
      "after_unknown": {},
      "before_sensitive": {"event_codes": [false], "signature_key": true, "target_url": true},
      "after_sensitive": {"event_codes": [false], "signature_key": true, "target_url": true, "headers": {"x-token": true}}}},
    {"address": "tenant_cryptr_organization.gone", "mode": "managed", "change": {"actions": ["delete"],
      "before": {"id": "gone-co", "name": "Gone Co", "scim_token": "SCIM-SECRET-6"}, "after": null,
      "after_unknown": {}, "before_sensitive": {"scim_token": true}, "after_sensitive": false}},
    {"address": "tenant_cyrisma_instance.contoso", "mode": "managed", "change": {"actions": ["update"],
      "before": {"id": "i-1", "mfa_method": "authenticator", "notes": "LONG_BEFORE", "city": null, "agent_key": "AGENT-KEY-SECRET-7"},
      "after": {"id": "i-1", "mfa_method": "none", "notes": "LONG_AFTER", "city": "Redmond", "agent_key": "AGENT-KEY-SECRET-7"},
      "after_unknown": {}, "before_sensitive": {"agent_key": true}, "after_sensitive": {"agent_key": true}}}
  ],
  "resource_changes": [
    {"address": "data.tenant_cyrisma_instances.partner", "mode": "data", "change": {"actions": ["read"], "before": null, "after": {"parent_id": ""}}},
    {"address": "tenant_cryptr_organization.stable", "mode": "managed", "change": {"actions": ["no-op"], "before": {"name": "Stable"}, "after": {"name": "Stable"}}},
    {"address": "tenant_cryptr_webhook.audit", "mode": "managed", "change": {"actions": ["update"],
      "before": {"id": "webhook_1", "event_codes": ["dir_sync.all"], "target_url": "https://hooks.example.com/tok-NEW-SECRET-2",
        "signature_key": "SIGNATURE-KEY-SECRET-3", "headers": {"x-team": "red", "x-token": "HEADER-SECRET-5"}, "updated_at": "2026-01-02T00:00:00"},
      "after": {"id": "webhook_1", "event_codes": ["all"], "target_url": "https://hooks.example.com/tok-OLD-SECRET-1",
        "signature_key": "SIGNATURE-KEY-SECRET-3", "headers": {"x-team": "blue", "x-token": "HEADER-SECRET-4"}},
      "after_unknown": {"updated_at": true},
      "before_sensitive": {"signature_key": true, "target_url": true, "headers": {"x-token": true}},
      "after_sensitive": {"signature_key": true, "target_url": true, "headers": {"x-token": true}}}},
    {"address": "tenant_cryptr_organization.gone", "mode": "managed", "change": {"actions": ["create"],
      "before": null, "after": {"name": "Gone Co"}, "after_unknown": {"id": true, "scim_token": true},
      "before_sensitive": false, "after_sensitive": {"scim_token": true}}},
    {"address": "tenant_cyrisma_instance.contoso", "mode": "managed", "change": {"actions": ["update"],
      "before": {"id": "i-1", "mfa_method": "none", "notes": "LONG_BEFORE", "agent_key": "AGENT-KEY-SECRET-7"},
      "after": {"id": "i-1", "mfa_method": "authenticator", "notes": "LONG_BEFORE", "agent_key": "AGENT-KEY-SECRET-7"},
      "after_unknown": {}, "before_sensitive": {"agent_key": true}, "after_sensitive": {"agent_key": true}}},
    {"address": "tenant_cryptr_webhook.renamed", "mode": "managed", "change": {"actions": ["delete", "create"],
      "before": {"id": "webhook_2", "name": "Old name", "signature_key": "SIGNATURE-KEY-SECRET-3"},
      "after": {"name": "New name"}, "after_unknown": {"id": true, "signature_key": true},
      "before_sensitive": {"signature_key": true}, "after_sensitive": {"signature_key": true}}}
  ],
  "output_changes": {
    "signing_key": {"actions": ["update"], "before": "OUTPUT-SECRET-8", "after": "OUTPUT-SECRET-9",
      "before_sensitive": true, "after_sensitive": true},
    "org_domain": {"actions": ["no-op"], "before": "acme", "after": "acme"}
  }
}`

// driftPlan returns driftPlanJSON with its long values, and without
// resource_drift when withDrift is false.
func driftPlan(t *testing.T, withDrift bool) string {
	t.Helper()
	doc := strings.NewReplacer("LONG_BEFORE", strings.Repeat("a", 250), "LONG_AFTER", strings.Repeat("b", 250)).Replace(driftPlanJSON)
	if withDrift {
		return doc
	}
	var plan map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &plan); err != nil {
		t.Fatal(err)
	}
	delete(plan, "resource_drift")
	out, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// pipelineFile is the absolute path of a file of examples/pipelines.
func pipelineFile(t *testing.T, name string) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "examples", "pipelines", name)
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// summarise runs examples/pipelines/drift-summary.py on doc with args and
// returns its output and exit code.
func summarise(t *testing.T, doc string, args ...string) (string, int) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is needed to test examples/pipelines/drift-summary.py (the pipelines run it): install it")
	}
	cmd := exec.Command(python, append([]string{pipelineFile(t, "drift-summary.py")}, args...)...)
	cmd.Stdin = strings.NewReader(doc)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "PYTHONIOENCODING=ascii")
	return acctest.RunCommand(t, cmd)
}

// mustNotShow fails the test if any of secrets appears in one of the
// documents, named by their keys; it names leaks by a redacted form only.
func mustNotShow(t *testing.T, secrets []string, docs map[string]string) {
	t.Helper()
	for _, secret := range secrets {
		for _, form := range encodings(secret) {
			for name, doc := range docs {
				if strings.Contains(doc, form.text) {
					t.Errorf("%s shows the secret %s (%s)", name, redacted(secret), form.name)
				}
			}
		}
	}
}

// TestDriftCheckSummary feeds drift-summary.py a hand-made plan with
// drift and checks its whole text summary: changed attributes with their
// old and new values (long ones cut), sensitive attributes and attributes
// holding a sensitive value as "(sensitive)", the deleted object, the
// planned actions without the data source read or the no-op, output names
// only; and its Markdown summary, appended to the given file. Neither shows
// any secret of the document, in any encoding.
func TestDriftCheckSummary(t *testing.T) {
	markdown := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(markdown, []byte("# Earlier step\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, code := summarise(t, driftPlan(t, true), "--title", "stacks/prod", "--markdown", markdown)
	if code != 0 {
		t.Fatalf("drift-summary.py exited %d:\n%s", code, out)
	}
	cut := func(c string) string { return `"` + strings.Repeat(c, 198) + "…" }
	want := `stacks/prod: Drift detected: 3 objects changed outside Terraform.

tenant_cryptr_webhook.audit: changed outside Terraform
    event_codes: ["all"] → ["dir_sync.all"]
    headers: (sensitive) → (sensitive)
    target_url: (sensitive) → (sensitive)
    updated_at: "2026-01-01T00:00:00" → "2026-01-02T00:00:00"
tenant_cryptr_organization.gone: deleted outside Terraform
tenant_cyrisma_instance.contoso: changed outside Terraform
    city: null → "Redmond"
    mfa_method: "authenticator" → "none"
    notes: ` + cut("a") + ` → ` + cut("b") + `

Planned actions (terraform apply would):
    tenant_cryptr_webhook.audit: update in place (event_codes, headers, target_url, updated_at)
    tenant_cryptr_organization.gone: create
    tenant_cyrisma_instance.contoso: update in place (mfa_method)
    tenant_cryptr_webhook.renamed: replace: destroy, then create (id, name, signature_key)
Outputs that would change: signing_key
`
	if out != want {
		t.Errorf("text summary:\n%s\nwant:\n%s", out, want)
	}
	b, err := os.ReadFile(markdown)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	for _, line := range []string{
		"# Earlier step\n\n## Drift check: `stacks/prod`\n\nDrift detected: 3 objects changed outside Terraform.\n",
		"- `tenant_cryptr_webhook.audit`: changed outside Terraform\n  - `event_codes`: `[\"all\"]` → `[\"dir_sync.all\"]`\n",
		"  - `target_url`: _(sensitive)_ → _(sensitive)_\n",
		"- `tenant_cryptr_organization.gone`: deleted outside Terraform\n",
		"  - `mfa_method`: `\"authenticator\"` → `\"none\"`\n",
		"- `tenant_cyrisma_instance.contoso`: update in place (`mfa_method`)\n",
		"Outputs that would change: `signing_key`\n",
	} {
		if !strings.Contains(md, line) {
			t.Errorf("the Markdown summary lacks %q:\n%s", line, md)
		}
	}
	mustNotShow(t, driftPlanSecrets, map[string]string{"the text summary": out, "the Markdown summary": md})
}

// TestDriftCheckSummaryWithoutDrift feeds drift-summary.py the same plan
// without resource_drift: it falls back on the planned changes, says that
// nothing was reported as changed outside Terraform, shows the values that
// will be known after apply as such, and still shows no secret.
func TestDriftCheckSummaryWithoutDrift(t *testing.T) {
	out, code := summarise(t, driftPlan(t, false))
	if code != 0 {
		t.Fatalf("drift-summary.py exited %d:\n%s", code, out)
	}
	for _, line := range []string{
		"No change outside Terraform was reported, but 4 objects differ from the configuration.\n",
		"tenant_cryptr_webhook.audit: differs from the configuration\n    event_codes: [\"dir_sync.all\"] → [\"all\"]\n" +
			"    headers: (sensitive) → (sensitive)\n    target_url: (sensitive) → (sensitive)\n" +
			"    updated_at: \"2026-01-02T00:00:00\" → (known after apply)\n",
		"tenant_cryptr_organization.gone: missing (never created, or deleted outside Terraform)\n",
		"tenant_cryptr_webhook.renamed: differs from the configuration\n    id: \"webhook_2\" → (known after apply)\n" +
			"    name: \"Old name\" → \"New name\"\n    signature_key: (sensitive) → (sensitive)\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("the summary lacks %q:\n%s", line, out)
		}
	}
	if strings.Contains(out, "partner") || strings.Contains(out, "stable") {
		t.Errorf("the summary shows the data source read or the no-op:\n%s", out)
	}
	mustNotShow(t, driftPlanSecrets, map[string]string{"the text summary": out})
}

// TestDriftCheckSummaryRejectsOtherInput checks that drift-summary.py
// exits 1, without echoing its input, when it is not given a plan: a
// state's `show -json` (which holds secrets) and text.
func TestDriftCheckSummaryRejectsOtherInput(t *testing.T) {
	for name, doc := range map[string]string{
		"state": `{"format_version": "1.0", "values": {"root_module": {"resources": [{"values": {"token": "STATE-SECRET-11"}}]}}}`,
		"text":  "Error: STATE-SECRET-11 is not JSON",
	} {
		out, code := summarise(t, doc)
		if code != 1 || !strings.Contains(out, "drift-summary: standard input is not") {
			t.Errorf("%s: exited %d, want 1 with a message:\n%s", name, code, out)
		}
		mustNotShow(t, []string{"STATE-SECRET-11"}, map[string]string{name: out})
	}
}

// TestDriftCheckNeedsPython runs drift-check.sh with no Python
// interpreter: it exits 1 with a message that says what to install, before
// running any plan.
func TestDriftCheckNeedsPython(t *testing.T) {
	cmd := exec.Command("bash", pipelineFile(t, "drift-check.sh"), t.TempDir())
	cmd.Env = append(os.Environ(), "PYTHON=/nonexistent/python3", "TF=/nonexistent/terraform")
	out, code := acctest.RunCommand(t, cmd)
	if code != 1 || !strings.Contains(out, "Python 3.6+ (/nonexistent/python3) is needed") || !strings.Contains(out, "install python3") {
		t.Errorf("drift-check.sh without Python exited %d, want 1 with a message:\n%s", code, out)
	}
}

// TestDriftCheckSummaryOfDriftWithNothingToApply checks the case of a
// plan that exits 0 although objects changed outside Terraform (only in
// attributes the configuration does not set or ignores): with
// --require-drift, drift-summary.py still summarises them, under a headline
// that says there is nothing to apply; and it prints nothing and exits 3
// when nothing changed outside Terraform.
func TestDriftCheckSummaryOfDriftWithNothingToApply(t *testing.T) {
	var plan map[string]json.RawMessage
	if err := json.Unmarshal([]byte(driftPlan(t, true)), &plan); err != nil {
		t.Fatal(err)
	}
	delete(plan, "resource_changes")
	delete(plan, "output_changes")
	plan["resource_changes"] = json.RawMessage(`[]`)
	doc, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	out, code := summarise(t, string(doc), "--require-drift")
	if code != 0 {
		t.Fatalf("drift-summary.py --require-drift on a plan with drift exited %d:\n%s", code, out)
	}
	for _, want := range []string{
		"Changed outside Terraform, with nothing to apply: 3 objects",
		"tenant_cryptr_webhook.audit: changed outside Terraform\n",
		"    target_url: (sensitive) → (sensitive)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Planned actions") {
		t.Errorf("the summary lists planned actions for a plan without any:\n%s", out)
	}
	mustNotShow(t, driftPlanSecrets, map[string]string{"the text summary": out})

	out, code = summarise(t, driftPlan(t, false), "--require-drift")
	if code != 3 || out != "" {
		t.Errorf("drift-summary.py --require-drift without drift exited %d with %q, want 3 and nothing", code, out)
	}
}

// TestDriftCheckScriptWhenNothingToApply runs drift-check.sh with a
// stand-in for terraform, given by a relative path (the script must not
// change directory before running it), whose plan finds nothing to apply:
// the script says "no drift" when nothing changed outside Terraform, and
// summarises the drift, still exiting 0, when something did.
func TestDriftCheckScriptWhenNothingToApply(t *testing.T) {
	tools := t.TempDir()
	stub := "#!/usr/bin/env bash\n" +
		"for arg; do case $arg in plan) exit 0 ;; show) cat \"$STUB_SHOW\"; exit 0 ;; esac; done\nexit 1\n"
	if err := os.WriteFile(filepath.Join(tools, "tf-stub"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	var plan map[string]json.RawMessage
	if err := json.Unmarshal([]byte(driftPlan(t, true)), &plan); err != nil {
		t.Fatal(err)
	}
	plan["resource_changes"], plan["output_changes"] = json.RawMessage(`[]`), json.RawMessage(`{}`)
	withDrift, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, show, want string
	}{
		{"nothing changed outside Terraform", driftPlan(t, false), "drift-check: no drift in "},
		{"only unmanaged attributes changed", string(withDrift), "Changed outside Terraform, with nothing to apply: 3 objects"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			show := filepath.Join(tools, "show.json")
			if err := os.WriteFile(show, []byte(tc.show), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("bash", pipelineFile(t, "drift-check.sh"), t.TempDir())
			cmd.Dir = tools
			cmd.Env = append(os.Environ(), "TF=./tf-stub", "STUB_SHOW="+show)
			out, code := acctest.RunCommand(t, cmd)
			if code != 0 || !strings.Contains(out, tc.want) {
				t.Errorf("drift-check.sh exited %d, want 0 with %q:\n%s", code, tc.want, out)
			}
			mustNotShow(t, driftPlanSecrets, map[string]string{"the output": out})
		})
	}
}
