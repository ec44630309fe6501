package provider_test

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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
