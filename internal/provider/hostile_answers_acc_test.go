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

// The real-CLI tests of this file show that answers from a hostile server are
// checked before they are trusted (redirects, answers without identity,
// echoed credentials), and that permanent transport failures (an untrusted
// certificate) fails at once; see
// hostile_server_acc_test.go for the shared helpers.

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
