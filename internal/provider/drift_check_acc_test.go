package provider_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// rotatedHookURL is the webhook target that the console change sets; the
// configuration's comes from a sensitive variable, so both are secrets.
const rotatedHookURL = "https://hooks.example.com/cryptr/tok-rotated-in-console-93b1"

// TestAccDriftCheckScript applies testdata/drift (a Cryptr organization, a
// Cryptr webhook whose target URL comes from a sensitive variable and a
// Cyrisma instance) with the real CLI, then runs
// examples/pipelines/drift-check.sh on it as a scheduled pipeline would,
// with the CLI's environment and TF set to the same terraform (or tofu), which
// every summary names:
//   - right after apply, it exits 0 and says "no drift";
//   - after a rename of the organization, a new target and events for the
//     webhook and a new MFA method for the instance, made in the vendors'
//     consoles (the emulated APIs), it exits 2 and its summary, printed and
//     appended as Markdown to DRIFT_SUMMARY_FILE, names the three objects
//     with each changed attribute, old and new values, the target URL as
//     "(sensitive)", and the updates that would revert them;
//   - with a wrong Cyrisma secret, it exits 1 with terraform's error.
//
// No run shows a secret: not a credential of the environment, not a
// sensitive value of the state (signing key, agent key, target URL), not
// the new target URL, not anything the emulator issued.
func TestAccDriftCheckScript(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	cli.CopyDir("internal/provider/testdata/drift")
	cli.MustRun(0, "init", "-input=false")
	cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	stateJSON := cli.MustRun(0, "show", "-json")
	var outputs map[string]struct {
		Value string `json:"value"`
	}
	if err := json.Unmarshal([]byte(cli.MustRun(0, "output", "-json")), &outputs); err != nil {
		t.Fatal(err)
	}

	script := pipelineFile(t, "drift-check.sh")
	// The summaries name the CLI that ran (and the product it belongs to).
	tf, product := driftCheckCLI(acctest.TerraformPath())
	summaryFile := filepath.Join(t.TempDir(), "summary.md")
	cli.SetEnv("TF", acctest.TerraformPath())
	cli.SetEnv("DRIFT_SUMMARY_FILE", summaryFile)
	runs := map[string]string{} // what each run printed, for the secret search
	run := func(what string) (string, int) {
		out, code := cli.Exec("bash", script, cli.Dir)
		runs[what] = out
		return out, code
	}
	// shown is out as the failure messages show it, secrets masked.
	shown := func(out string) string {
		for _, secret := range driftCheckSecrets(t, env, stateJSON) {
			out = strings.ReplaceAll(out, secret, "<SECRET>")
		}
		return out
	}

	out, code := run("the output right after apply")
	if code != 0 || !strings.Contains(out, "no drift in "+cli.Dir+" ("+tf+" plan has no changes)") {
		t.Fatalf("drift-check.sh right after apply exited %d, want 0 and \"no drift\":\n%s", code, shown(out))
	}

	status, body := env.Cryptr(t, http.MethodPut, "/api/v2/organizations/acme-industries", url.Values{"name": {"Acme Industries Europe"}})
	acctest.MustStatus(t, "rename the organization in the console", status, body, http.StatusOK)
	status, body = env.Cryptr(t, http.MethodPut, "/api/v2/webhooks/"+outputs["webhook_id"].Value, url.Values{
		"target_url": {rotatedHookURL}, "event_codes[]": {"all"},
	})
	acctest.MustStatus(t, "retarget the webhook in the console", status, body, http.StatusOK)
	status, body = env.Cyrisma(t, http.MethodPatch, "/partner/instances/mfa", url.Values{
		"instance_id": {outputs["instance_id"].Value}, "mfa_type": {"0"},
	})
	acctest.MustStatus(t, "turn the instance's MFA off in the console", status, body, http.StatusOK)

	out, code = run("the drift summary")
	if code != 2 {
		t.Fatalf("drift-check.sh after the console changes exited %d, want 2:\n%s", code, shown(out))
	}
	for _, want := range []string{
		"Drift detected: 3 objects changed outside " + product + ".",
		"tenant_cryptr_organization.acme: changed outside " + product + "\n",
		`    name: "Acme Industries" → "Acme Industries Europe"` + "\n",
		"tenant_cryptr_webhook.audit: changed outside " + product + "\n",
		`    event_codes: ["dir_sync.user.provision.success"] → ["all"]` + "\n",
		"    target_url: (sensitive) → (sensitive)\n",
		"tenant_cyrisma_instance.contoso: changed outside " + product + "\n",
		`    mfa_method: "authenticator" → "none"` + "\n",
		"Planned actions (" + tf + " apply would):\n",
		"    tenant_cryptr_organization.acme: update in place (name, updated_at)\n",
		"    tenant_cryptr_webhook.audit: update in place (event_codes, target_url, updated_at)\n",
		"    tenant_cyrisma_instance.contoso: update in place (mfa_method)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the drift summary lacks %q:\n%s", want, shown(out))
		}
	}

	cli.SetEnv("CYRISMA_API_SECRET", "not-the-partner-secret")
	out, code = run("the output of the failed check")
	if code != 1 || !strings.Contains(out, "Error:") || !strings.Contains(out, "drift-check: "+acctest.TerraformPath()+" plan failed") {
		t.Errorf("drift-check.sh with a wrong Cyrisma secret exited %d, want 1 with terraform's error:\n%s", code, shown(out))
	}

	b, err := os.ReadFile(summaryFile)
	if err != nil {
		t.Fatal(err)
	}
	markdown := string(b)
	runs["the Markdown summary"] = markdown
	for _, want := range []string{
		"## Drift check: `" + cli.Dir + "`\n\nNo drift (`" + tf + " plan` has no changes).\n",
		"Drift detected: 3 objects changed outside " + product + ".\n",
		"- `tenant_cryptr_organization.acme`: changed outside " + product + "\n  - `name`: `\"Acme Industries\"` → `\"Acme Industries Europe\"`\n",
		"  - `target_url`: _(sensitive)_ → _(sensitive)_\n",
		"  - `mfa_method`: `\"authenticator\"` → `\"none\"`\n",
		"**Planned actions** (`" + tf + " apply` would):\n",
		"The check failed: `" + tf + " plan` exited 1",
	} {
		if !strings.Contains(markdown, want) {
			t.Errorf("the Markdown summary lacks %q:\n%s", want, shown(markdown))
		}
	}

	secrets := driftCheckSecrets(t, env, stateJSON)
	t.Logf("looked for %d secret values in the output of three runs of drift-check.sh and in its Markdown summary", len(secrets))
	if len(secrets) < 10 {
		t.Errorf("only %d secrets to look for: the search would pass vacuously", len(secrets))
	}
	mustNotShow(t, secrets, runs)
}

// driftCheckSecrets returns the secret values TestAccDriftCheckScript looks
// for: the credentials of the environment, the sensitive values of the
// state, the console's new webhook target and everything the emulator
// issued. It fails the test if the state lacks a sensitive value it should
// hold, which would make the search vacuous.
func driftCheckSecrets(t *testing.T, env *acctest.Env, stateJSON string) []string {
	t.Helper()
	secrets := []string{rotatedHookURL, env.Fixtures.CryptrProductionClientSecret, env.Fixtures.SyneriseNoMFAPassword}
	for name, value := range env.Vars {
		if secretEnvName.MatchString(name) {
			secrets = append(secrets, value)
		}
	}
	stateSecrets := sensitiveStateValues(t, stateJSON)
	for _, want := range []string{"tenant_cryptr_webhook.audit.signature_key", "tenant_cryptr_webhook.audit.target_url", "tenant_cyrisma_instance.contoso.agent_key"} {
		if _, ok := stateSecrets[want]; !ok {
			t.Errorf("the state has no sensitive %s (it has %v): the secret search would miss it", want, sortedKeys(stateSecrets))
		}
	}
	for _, value := range stateSecrets {
		secrets = append(secrets, value)
	}
	secrets = append(secrets, env.Emulator.Server.IssuedSecrets()...)
	long := secrets[:0]
	for _, value := range secrets {
		if len(value) >= minSecretLength {
			long = append(long, value)
		}
	}
	return long
}
