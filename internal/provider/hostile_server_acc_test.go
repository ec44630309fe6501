package provider_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// The real-CLI tests of this file show that the provider fails fast and
// safely against slow or hostile servers: each measures its bound (time,
// bytes, requests) with t.Logf and checks it against a generous limit, never
// a tight timing. They run terraform against the emulator with one fault of
// internal/emulator switched on, one working directory per test and
// `terraform init` once per directory.

// hostileCryptrProvider is a provider block with only the Cryptr service,
// pointed at serviceURL (the emulator's when empty), with settings (top-level
// attributes such as request_timeout) added as they are.
func hostileCryptrProvider(env *acctest.Env, serviceURL, settings string) string {
	v := env.Vars
	if serviceURL == "" {
		serviceURL = v["CRYPTR_SERVICE_URL"]
	}
	return fmt.Sprintf(`
provider "tenant" {
  %s
  cryptr {
    service_url    = %q
    account_domain = %q
    client_id      = %q
    client_secret  = %q
  }
}
`, settings, serviceURL, v["CRYPTR_ACCOUNT_DOMAIN"], v["CRYPTR_CLIENT_ID"], v["CRYPTR_CLIENT_SECRET"])
}

// hostileOrganization declares one organization, tenant_cryptr_organization.this.
func hostileOrganization(name string) string {
	return fmt.Sprintf(`
resource "tenant_cryptr_organization" "this" {
  name = %q
}
`, name)
}

// hostileApply runs `terraform apply` and returns its output, exit code and
// wall-clock duration (CLI start, plan and apply included).
func hostileApply(t *testing.T, cli *acctest.CLI) (string, int, time.Duration) {
	t.Helper()
	started := time.Now()
	out, code := cli.Run("apply", "-input=false", "-auto-approve", "-parallelism=10")
	return out, code, time.Since(started)
}

// hostileFlat joins the lines of terraform's output, which wraps diagnostics
// at 78 columns inside a box drawn with "│", so that a message can be looked
// for whatever its line breaks.
func hostileFlat(out string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╷", " ", "╵", " ").Replace(out)), " ")
}

// liveOrganizations returns the live organizations named name that the
// emulator holds.
func liveOrganizations(s *emulator.Server, name string) []string {
	var domains []string
	for _, o := range s.State().Cryptr.Organizations {
		if o.Name == name && !o.Deleted {
			domains = append(domains, o.Domain)
		}
	}
	return domains
}

// TestAccHostileRetryAfterBeyondBudget: a create answered 429 with
// "Retry-After: 3600" fails at once, quoting the header, instead of waiting
// an hour (or the default 2m retry budget), and is sent once.
func TestAccHostileRetryAfterBeyondBudget(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	server := env.Emulator.Server
	cli := env.NewCLI(t)
	// The default max_retry_duration (2m): the wait asked for exceeds it.
	cli.WriteFile("main.tf", requiredTenant+hostileCryptrProvider(env, "", "")+hostileOrganization("Hostile Throttled"))
	cli.MustRun(0, "init", "-input=false")

	server.SetFaults(emulator.Faults{ThrottleRate: 1, RetryAfterSeconds: 3600, OnlyMethod: http.MethodPost, OnlyPathPrefix: "/api/v2/organizations"})
	out, code, took := hostileApply(t, cli)
	counts := server.RequestCounts()
	t.Logf("Retry-After: 3600: apply exited %d after %s; %d create(s) sent, %d answered 429", code, took.Round(time.Millisecond),
		counts.Routes["POST /api/v2/organizations"], counts.Faults.Throttled)
	if code == 0 {
		t.Fatalf("the apply succeeded against a server answering 429 Retry-After: 3600:\n%s", out)
	}
	if took >= 30*time.Second {
		t.Errorf("the apply took %s against Retry-After: 3600, want < 30s", took)
	}
	if flat := hostileDiagnostics(out); !strings.Contains(flat, "Retry-After: 3600") {
		t.Errorf("the error does not quote the Retry-After value (want %q):\n%s", "Retry-After: 3600", out)
	}
	if n := counts.Faults.Throttled; n < 1 {
		t.Errorf("the emulator answered no 429: the test did not exercise Retry-After")
	}
	if n := counts.Routes["POST /api/v2/organizations"]; n > 1 {
		t.Errorf("the create was sent %d times, want once: a Retry-After beyond the budget must not be waited for nor retried", n)
	}
	if got := liveOrganizations(server, "Hostile Throttled"); len(got) != 0 {
		t.Errorf("the emulator holds %v, want no organization (every create was refused)", got)
	}
}

// TestAccHostileHangingServer: with request_timeout = "2s" and
// max_retry_duration = "5s", a server that never answers the create fails the
// apply within request_timeout + max_retry_duration (plus CLI overhead), the
// create is never sent twice and nothing is made twice; then a server that
// never answers anything, the login included, fails it within the same bound.
func TestAccHostileHangingServer(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	const (
		requestTimeout = 2 * time.Second
		retryBudget    = 5 * time.Second
		cliOverhead    = 15 * time.Second
		bound          = requestTimeout + retryBudget + cliOverhead
		name           = "Hostile Hung"
	)
	env := acctest.NewEnv(t)
	server := env.Emulator.Server
	cli := env.NewCLI(t)
	settings := fmt.Sprintf("request_timeout = %q\n  max_retry_duration = %q", requestTimeout.String(), retryBudget.String())
	cli.WriteFile("main.tf", requiredTenant+hostileCryptrProvider(env, "", settings)+hostileOrganization(name))
	cli.MustRun(0, "init", "-input=false")

	// The create never answered: the login and the look-ups are served.
	server.SetFaults(emulator.Faults{HangRate: 1, OnlyMethod: http.MethodPost, OnlyPathPrefix: "/api/v2/organizations"})
	out, code, took := hostileApply(t, cli)
	counts := server.RequestCounts()
	creates := counts.Routes["POST /api/v2/organizations"]
	t.Logf("create never answered: apply exited %d after %s (bound %s); %d create(s) sent, %d held, %d list look-up(s)",
		code, took.Round(time.Millisecond), bound, creates, counts.Faults.Hung, counts.Routes["GET /api/v2/organizations"])
	t.Logf("create never answered: error: %s", hostileErrors(out))
	if code == 0 {
		t.Fatalf("the apply succeeded although the create was never answered:\n%s", out)
	}
	if took >= bound {
		t.Errorf("the apply took %s, want < request_timeout + max_retry_duration + CLI overhead = %s", took, bound)
	}
	if counts.Faults.Hung < 1 {
		t.Errorf("the emulator held no request: the test did not exercise a hanging server")
	}
	if creates != 1 {
		t.Errorf("the create was sent %d times, want exactly once: a create that timed out may still run on the server and must not be repeated", creates)
	}
	if !regexp.MustCompile(`(?i)timeout|timed out|deadline exceeded`).MatchString(hostileDiagnostics(out)) {
		t.Errorf("the error does not say the request timed out:\n%s", out)
	}
	if got := liveOrganizations(server, name); len(got) > 1 {
		t.Errorf("the emulator holds %d organizations named %q, want at most one: %v", len(got), name, got)
	}
	if state, _ := cli.Run("state", "list"); strings.Contains(state, "tenant_cryptr_organization.this") && len(liveOrganizations(server, name)) == 0 {
		t.Errorf("the state holds an organization the server never made:\n%s", state)
	}

	// Nothing answered, the login included: the login's own retries are
	// bounded by the same budget.
	server.ResetRequestCounts()
	server.SetFaults(emulator.Faults{HangRate: 1})
	out, code, took = hostileApply(t, cli)
	counts = server.RequestCounts()
	t.Logf("nothing answered: apply exited %d after %s (bound %s); %d request(s) sent (%d logins), %d held",
		code, took.Round(time.Millisecond), bound, counts.Total, counts.Routes["POST /api/v2/oauth/token"], counts.Faults.Hung)
	t.Logf("nothing answered: error: %s", hostileErrors(out))
	if code == 0 {
		t.Fatalf("the apply succeeded against a server that answers nothing:\n%s", out)
	}
	if took >= bound {
		t.Errorf("the apply took %s against a server that answers nothing, want < %s", took, bound)
	}
	if n := counts.Routes["POST /api/v2/organizations"]; n != 0 {
		t.Errorf("the create was sent %d times without a token", n)
	}
	if !regexp.MustCompile(`(?i)max_retry_duration|timeout|timed out|deadline exceeded`).MatchString(hostileDiagnostics(out)) {
		t.Errorf("the error says neither that the request timed out nor that the retry budget ran out:\n%s", out)
	}
	if got := liveOrganizations(server, name); len(got) > 1 {
		t.Errorf("the emulator holds %d organizations named %q, want at most one: %v", len(got), name, got)
	}
}

// hostileDiagnostics returns terraform's output from its first "Error:" on,
// flattened (see hostileFlat): the diagnostics, without the plan printed
// before them, whose attribute names would match anything.
func hostileDiagnostics(out string) string {
	flat := hostileFlat(out)
	if i := strings.Index(flat, "Error:"); i >= 0 {
		return flat[i:]
	}
	return flat
}

// hostileErrors returns the diagnostics, cut short, for the test log.
func hostileErrors(out string) string {
	flat := hostileDiagnostics(out)
	if len(flat) > 1500 {
		flat = flat[:1500] + "…"
	}
	return flat
}

// capPattern matches the default cap on answers (4 MiB), however it is written.
var capPattern = regexp.MustCompile(`4194304|4 ?MiB|4096 ?KiB`)

// TestAccHostileOversizedAnswer: a 50 MiB answer fails with an error naming
// the cap on answers, and the TRACE log of the run stays small; then answers
// padded to 3 MiB, under the cap, are read but logged truncated, so that the
// log stays small too.
func TestAccHostileOversizedAnswer(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	const (
		name   = "Hostile Oversized"
		maxLog = 5 << 20
	)
	env := acctest.NewEnv(t)
	server := env.Emulator.Server
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", requiredTenant+hostileCryptrProvider(env, "", "")+hostileOrganization(name))
	cli.MustRun(0, "init", "-input=false")
	cli.SetEnv("TF_LOG", "TRACE")

	// 50 MiB answers to every GET: the create is served, the read after it
	// is too large.
	logPath := filepath.Join(cli.Dir, "oversized.log")
	cli.SetEnv("TF_LOG_PATH", logPath)
	server.SetFaults(emulator.Faults{OversizedBodyBytes: 50 << 20, OversizedRate: 1, OnlyMethod: http.MethodGet})
	out, code, took := hostileApply(t, cli)
	size := hostileFileSize(t, logPath)
	counts := server.RequestCounts()
	t.Logf("50 MiB answers: apply exited %d after %s; %d oversized answer(s) sent; TRACE log %d bytes (%.2f MiB)",
		code, took.Round(time.Millisecond), counts.Faults.Oversized, size, float64(size)/(1<<20))
	t.Logf("50 MiB answers: error: %s", hostileErrors(out))
	if code == 0 {
		t.Fatalf("the apply succeeded although every read was answered 50 MiB:\n%s", out)
	}
	if counts.Faults.Oversized < 1 {
		t.Errorf("the emulator sent no oversized answer: the test did not exercise the cap")
	}
	flat := hostileDiagnostics(out)
	if !capPattern.MatchString(flat) || !strings.Contains(flat, "cap") {
		t.Errorf("the error does not name the cap on answers (4 MiB, 4194304 bytes):\n%s", out)
	}
	if size >= maxLog {
		t.Errorf("the TRACE log is %d bytes, want < %d", size, maxLog)
	}
	if got := liveOrganizations(server, name); len(got) > 1 {
		t.Errorf("the emulator holds %d organizations named %q, want at most one: %v", len(got), name, got)
	}

	// 3 MiB answers, under the cap: read, and logged cut to a few KiB.
	logPath = filepath.Join(cli.Dir, "padded.log")
	cli.SetEnv("TF_LOG_PATH", logPath)
	server.ResetRequestCounts()
	server.SetFaults(emulator.Faults{OversizedBodyBytes: 3 << 20, OversizedRate: 1, OnlyMethod: http.MethodGet})
	out, code, took = hostileApply(t, cli)
	size = hostileFileSize(t, logPath)
	counts = server.RequestCounts()
	t.Logf("3 MiB answers: apply exited %d after %s; %d padded answer(s) read (%d MiB in all); TRACE log %d bytes (%.2f MiB)",
		code, took.Round(time.Millisecond), counts.Faults.Oversized, 3*counts.Faults.Oversized, size, float64(size)/(1<<20))
	if code != 0 {
		t.Fatalf("the apply failed with answers padded to 3 MiB, under the 4 MiB cap:\n%s", out)
	}
	if counts.Faults.Oversized < 1 {
		t.Errorf("the emulator padded no answer: the test did not exercise the log truncation")
	}
	if size >= maxLog {
		t.Errorf("the TRACE log of an apply that read %d answers of 3 MiB is %d bytes, want < %d: response bodies are not truncated in the log",
			counts.Faults.Oversized, size, maxLog)
	}
	if raw, err := os.ReadFile(logPath); err == nil && !strings.Contains(string(raw), "truncated") {
		t.Errorf("the TRACE log does not say that a response body was truncated")
	}
}

// hostileFileSize returns the size of the file at path.
func hostileFileSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the log file: %v", err)
	}
	return info.Size()
}

// TestAccHostileCrossHostRedirect: a redirect to another origin is refused,
// with an error naming its Location, and the other host gets no request:
// neither the login, redirected with 307 (which would re-send the client
// secret), nor a read, redirected with 302 (which would carry the token).
func TestAccHostileCrossHostRedirect(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	var hits atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"stolen","domain":"stolen"}`)
	}))
	t.Cleanup(other.Close)
	otherURL, _ := url.Parse(other.URL)
	// Another host name (and port) of the loopback interface.
	target := "http://localhost:" + otherURL.Port()
	// Positive control: the other host is reachable by that name, so a
	// request that followed the redirect would be counted.
	resp, err := http.Get(target + "/probe")
	if err != nil {
		t.Fatalf("the other host is not reachable at %s: %v", target, err)
	}
	_ = resp.Body.Close()
	if hits.Swap(0) != 1 {
		t.Fatalf("the other host did not count the probe request")
	}

	env := acctest.NewEnv(t)
	server := env.Emulator.Server
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", requiredTenant+hostileCryptrProvider(env, "", "")+hostileOrganization("Hostile Redirected"))
	cli.MustRun(0, "init", "-input=false")

	for _, c := range []struct {
		what     string
		faults   emulator.Faults
		location string
	}{
		{"login redirected with 307", emulator.Faults{RedirectTo: target, RedirectRate: 1, RedirectStatus: http.StatusTemporaryRedirect},
			target + "/api/v2/oauth/token"},
		{"read redirected with 302", emulator.Faults{RedirectTo: target, RedirectRate: 1, OnlyMethod: http.MethodGet},
			target + "/api/v2/organizations/"},
	} {
		server.ResetRequestCounts()
		server.SetFaults(c.faults)
		out, code, took := hostileApply(t, cli)
		counts := server.RequestCounts()
		t.Logf("%s: apply exited %d after %s; %d redirect(s) answered; the other host got %d request(s)",
			c.what, code, took.Round(time.Millisecond), counts.Faults.Redirected, hits.Load())
		t.Logf("%s: error: %s", c.what, hostileErrors(out))
		if code == 0 {
			t.Errorf("%s: the apply succeeded:\n%s", c.what, out)
			continue
		}
		if counts.Faults.Redirected < 1 {
			t.Errorf("%s: the emulator redirected nothing: the test did not exercise a redirect", c.what)
		}
		if !strings.Contains(hostileDiagnostics(out), c.location) {
			t.Errorf("%s: the error does not name the Location %s…:\n%s", c.what, c.location, out)
		}
		if n := hits.Load(); n != 0 {
			t.Errorf("%s: the other host got %d request(s), want none", c.what, n)
		}
	}
}

// TestAccHostileAnonymousCreateAnswer: a create whose answer lacks the
// organization's identity (its domain) either fails or is recovered by the
// look-up of the organization by name; in no case does an empty id reach the
// state, and the organization is made once.
func TestAccHostileAnonymousCreateAnswer(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	const name = "Hostile Anonymous"
	env := acctest.NewEnv(t)
	server := env.Emulator.Server
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", requiredTenant+hostileCryptrProvider(env, "", "")+hostileOrganization(name))
	cli.MustRun(0, "init", "-input=false")

	server.SetFaults(emulator.Faults{AnonymousAnswerRate: 1, OnlyMethod: http.MethodPost, OnlyPathPrefix: "/api/v2/organizations"})
	out, code, took := hostileApply(t, cli)
	counts := server.RequestCounts()
	made := liveOrganizations(server, name)
	t.Logf("anonymous create answer: apply exited %d after %s; %d create(s) sent, %d answered anonymously; the emulator holds %v",
		code, took.Round(time.Millisecond), counts.Routes["POST /api/v2/organizations"], counts.Faults.AnonymousAnswer, made)
	if counts.Faults.AnonymousAnswer < 1 {
		t.Errorf("the emulator answered no create anonymously: the test did not exercise the fault")
	}
	if len(made) != 1 {
		t.Errorf("the emulator holds %d organizations named %q, want exactly one (the create is applied, and must not be repeated): %v", len(made), name, made)
	}

	list := cli.MustRun(0, "state", "list")
	resources := hostileStateResources(t, cli.MustRun(0, "show", "-json"))
	for address, values := range resources {
		for _, field := range []string{"id", "domain"} {
			if v, _ := values[field].(string); v == "" {
				t.Errorf("the state holds %s with an empty %s: %v", address, field, values)
			}
		}
	}
	org, inState := resources["tenant_cryptr_organization.this"]
	switch {
	case code == 0:
		t.Logf("outcome: RECOVERED by the natural-key look-up: the apply succeeded and the state holds %s = %v", "tenant_cryptr_organization.this", org["id"])
		if !inState {
			t.Errorf("the apply succeeded but the state does not hold the organization:\n%s", list)
		} else if len(made) == 1 && org["id"] != made[0] {
			t.Errorf("the state holds the organization %v, want the one the create made, %q", org["id"], made[0])
		}
	default:
		t.Logf("outcome: ERROR: %s", hostileErrors(out))
		t.Logf("state after the error: %q", strings.TrimSpace(list))
		if flat := hostileDiagnostics(out); !strings.Contains(flat, "domain") {
			t.Errorf("the error does not name the missing identifying field (domain):\n%s", out)
		}
	}
}

// hostileStateResources returns the values of every resource of the state
// that `terraform show -json` printed, by address.
func hostileStateResources(t *testing.T, showJSON string) map[string]map[string]any {
	t.Helper()
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Mode    string         `json:"mode"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(showJSON), &state); err != nil {
		t.Fatalf("terraform show -json: %v\n%s", err, showJSON)
	}
	out := map[string]map[string]any{}
	for _, r := range state.Values.RootModule.Resources {
		if r.Mode == "managed" {
			out[r.Address] = r.Values
		}
	}
	return out
}

// hostileEchoConfig reads one data source of each service while planning
// (so that each logs in), and creates an organization.
const hostileEchoConfig = `
data "tenant_cryptr_webhooks" "all" {}

data "tenant_cyrisma_instances" "root" {
  parent_id = ""
}

data "tenant_synerise_workspaces" "all" {}

resource "tenant_cryptr_organization" "this" {
  name = "Hostile Echo"
}
`

// TestAccHostileEchoedCredentials: a server that answers 500 echoing the
// request's credentials verbatim (the Authorization header, API-key-like
// headers and the body) makes no secret appear, in any encoding, in
// terraform's output or in its TRACE log: not the logins' credentials of
// the three services (echoed from the login bodies), not the access token a
// create carried, not any secret the emulator issued.
func TestAccHostileEchoedCredentials(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	server := env.Emulator.Server
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", requiredTenant+env.ProviderBlock()+hostileEchoConfig)
	cli.MustRun(0, "init", "-input=false")
	cli.SetEnv("TENANT_MAX_RETRY_DURATION", "5s")
	cli.SetEnv("TF_LOG", "TRACE")

	docs := map[string]string{}
	for _, c := range []struct {
		what   string
		faults emulator.Faults
	}{
		// Every request, so every login: the secrets are in their bodies.
		{"logins echoed", emulator.Faults{EchoAuthorizationRate: 1}},
		// The create only: it carries the Cryptr access token.
		{"create echoed", emulator.Faults{EchoAuthorizationRate: 1, OnlyMethod: http.MethodPost, OnlyPathPrefix: "/api/v2/organizations"}},
	} {
		logPath := filepath.Join(cli.Dir, strings.ReplaceAll(c.what, " ", "-")+".log")
		cli.SetEnv("TF_LOG_PATH", logPath)
		server.ResetRequestCounts()
		server.SetFaults(c.faults)
		out, code, took := hostileApply(t, cli)
		counts := server.RequestCounts()
		raw, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: apply exited %d after %s; %d answer(s) echoed credentials; TRACE log %d bytes", c.what, code, took.Round(time.Millisecond),
			counts.Faults.EchoedAuthorization, len(raw))
		t.Logf("%s: error: %s", c.what, hostileErrors(out))
		if code == 0 {
			t.Errorf("%s: the apply succeeded:\n%s", c.what, out)
		}
		if counts.Faults.EchoedAuthorization < 1 {
			t.Errorf("%s: the emulator echoed nothing: the test did not exercise the fault", c.what)
		}
		// Positive control: the server's text (redacted) reached the user.
		if !strings.Contains(hostileDiagnostics(out), "echoing the request's credentials") {
			t.Errorf("%s: the output does not show the server's error message, so the test proves nothing about its redaction:\n%s", c.what, out)
		}
		if !strings.Contains(string(raw), "echoing the request's credentials") {
			t.Errorf("%s: the TRACE log does not show the server's echoing answer, so the test proves nothing about the log's redaction", c.what)
		}
		docs["the output of apply ("+c.what+")"] = out
		docs["the TRACE log of apply ("+c.what+")"] = string(raw)
	}
	if n := env.Emulator.Server.TokensMinted()["cryptr"]; n < 1 {
		t.Errorf("the emulator minted no Cryptr token: no token could be echoed")
	}

	secrets := map[string]string{} // value -> where it comes from
	add := func(value, from string) {
		if len(value) >= minSecretLength {
			if _, ok := secrets[value]; !ok {
				secrets[value] = from
			}
		}
	}
	for name, value := range env.Vars {
		if secretEnvName.MatchString(name) {
			add(value, "the environment variable "+name)
		}
	}
	add(env.Fixtures.CryptrProductionClientSecret, "the Cryptr production client secret")
	add(env.Fixtures.SyneriseNoMFAPassword, "the password of the Synerise user without MFA")
	add(base64.StdEncoding.EncodeToString([]byte(env.Vars["CRYPTR_CLIENT_ID"]+":"+env.Vars["CRYPTR_CLIENT_SECRET"])), "Cryptr's client credentials in base64")
	add(base64.StdEncoding.EncodeToString([]byte(env.Vars["CYRISMA_API_KEY"]+":"+env.Vars["CYRISMA_API_SECRET"])), "Cyrisma's credentials in base64")
	issued := server.IssuedSecrets()
	for i, value := range issued {
		add(value, fmt.Sprintf("issued secret #%d of the emulator", i))
	}
	t.Logf("looking for %d secret values (%d issued by the emulator) in %d documents, as is, URL-encoded, JSON-escaped and in base64",
		len(secrets), len(issued), len(docs))
	if leaks := findLeaks(secrets, docs); len(leaks) > 0 {
		t.Errorf("%d secret leaks:\n%s", len(leaks), strings.Join(leaks, "\n"))
	}
}

// hostileProxy is a TCP front that counts the connections made to target.
func hostileProxy(t *testing.T, target string) (addr string, conns *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	conns = &atomic.Int64{}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			go func() {
				defer c.Close()
				up, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer up.Close()
				go func() { _, _ = io.Copy(up, c); _ = up.Close() }()
				_, _ = io.Copy(c, up)
			}()
		}
	}()
	return ln.Addr().String(), conns
}

// TestAccHostileUntrustedCertificate: an HTTPS server whose certificate the
// provider does not trust fails the apply at once, without a retry: one
// connection (TLS handshake) in all, and no HTTP request reaches the server.
func TestAccHostileUntrustedCertificate(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	em := emulator.StartTestServerTLS(emulator.Options{CryptrProvisioningDelay: 300 * time.Millisecond, CyrismaProvisioningDelay: 300 * time.Millisecond})
	t.Cleanup(em.Close)
	env := &acctest.Env{Emulator: em, Vars: em.Env(), Fixtures: em.Server.Fixtures()}
	emURL, _ := url.Parse(em.URL)
	addr, conns := hostileProxy(t, emURL.Host)

	cli := env.NewCLI(t)
	// Nothing may make the self-signed certificate trusted.
	cli.SetEnv("SSL_CERT_FILE", "")
	cli.SetEnv("SSL_CERT_DIR", "")
	cli.WriteFile("main.tf", requiredTenant+hostileCryptrProvider(env, "https://"+addr, `request_timeout = "5s"`)+hostileOrganization("Hostile TLS"))
	cli.MustRun(0, "init", "-input=false")

	out, code, took := hostileApply(t, cli)
	counts := em.Server.RequestCounts()
	t.Logf("untrusted certificate: apply exited %d after %s; %d connection(s) (TLS handshakes) made; %d HTTP request(s) reached the emulator",
		code, took.Round(time.Millisecond), conns.Load(), counts.Total)
	t.Logf("untrusted certificate: error: %s", hostileErrors(out))
	if code == 0 {
		t.Fatalf("the apply succeeded against an untrusted certificate:\n%s", out)
	}
	if took >= 15*time.Second {
		t.Errorf("the apply took %s against an untrusted certificate, want < 15s", took)
	}
	if n := conns.Load(); n > 1 {
		t.Errorf("%d connections were made to the server with the untrusted certificate, want at most 1: a certificate error must never be retried", n)
	}
	if counts.Total != 0 {
		t.Errorf("%d HTTP requests reached the server through an untrusted TLS connection: %v", counts.Total, counts.Routes)
	}
	if !regexp.MustCompile(`(?i)certificate|x509|tls`).MatchString(hostileDiagnostics(out)) {
		t.Errorf("the error does not name the certificate problem:\n%s", out)
	}
}

// hostileUnreachableConfig is 8 organizations and 3 data sources, all read or
// made during the apply: the data sources wait for terraform_data.gate, so
// that they are read then rather than while planning.
const hostileUnreachableConfig = `
resource "terraform_data" "gate" {
  input = "go"
}

resource "tenant_cryptr_organization" "customer" {
  count = 8
  name  = format("Unreachable %02d", count.index)
}

data "tenant_cryptr_organizations" "all" {
  depends_on = [terraform_data.gate]
}

data "tenant_cryptr_webhooks" "all" {
  depends_on = [terraform_data.gate]
}

data "tenant_cryptr_redirect_uris" "all" {
  depends_on = [terraform_data.gate]
}
`

// TestAccHostileUnreachableEndpoint: against a closed loopback port, an
// apply of 8 organizations and 3 data sources with max_retry_duration = "4s"
// fails in about the time of one login's budget, not 11 of them: the failed
// login is remembered and shared.
func TestAccHostileUnreachableEndpoint(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	const (
		retryBudget = 4 * time.Second
		bound       = 20 * time.Second
		operations  = 8 + 3
	)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	_ = ln.Close()

	env := acctest.NewEnv(t)
	cli := env.NewCLI(t)
	settings := fmt.Sprintf("request_timeout = \"2s\"\n  max_retry_duration = %q", retryBudget.String())
	cli.WriteFile("main.tf", requiredTenant+hostileCryptrProvider(env, "http://"+closed, settings)+hostileUnreachableConfig)
	cli.MustRun(0, "init", "-input=false")

	out, code, took := hostileApply(t, cli)
	flat := hostileDiagnostics(out)
	errorsShown := strings.Count(out, "Error: ")
	t.Logf("unreachable endpoint: apply of 8 organizations and 3 data sources exited %d after %s (one login budget: %s; %d budgets: %s; bound %s); %d errors shown, %d of them a remembered login failure",
		code, took.Round(time.Millisecond), retryBudget, operations, operations*retryBudget, bound, errorsShown, strings.Count(flat, "remembered"))
	t.Logf("unreachable endpoint: error: %s", hostileErrors(out))
	if code == 0 {
		t.Fatalf("the apply succeeded against a closed port:\n%s", out)
	}
	if took >= bound {
		t.Errorf("the apply took %s against a closed port, want < %s (about one login budget of %s, not %d of them)", took, bound, retryBudget, operations)
	}
	if !strings.Contains(flat, closed) && !strings.Contains(strings.ToLower(flat), "connection refused") {
		t.Errorf("the error names neither the endpoint nor the refused connection:\n%s", out)
	}
	if errorsShown < operations {
		t.Errorf("%d errors shown, want one for each of the %d resources and data sources: some were not attempted", errorsShown, operations)
	}
}
