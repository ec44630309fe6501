package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// TestMain lets the test binary act as the real command when
// TENANT_EMULATOR_MAIN is set (used by TestSignalShutdown).
func TestMain(m *testing.M) {
	if os.Getenv("TENANT_EMULATOR_MAIN") == "1" {
		os.Args = append([]string{"tenant-emulator"}, strings.Fields(os.Getenv("TENANT_EMULATOR_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestWriteEnvFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "emulator.env")
	if err := os.WriteFile(path, []byte("stale"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"B_VAR": "it's", "A_VAR": "http://127.0.0.1:1/app"}
	if err := writeEnvFile(path, env); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := "export A_VAR='http://127.0.0.1:1/app'\nexport B_VAR='it'\\''s'\n"
	if string(got) != want {
		t.Errorf("env file:\n%s\nwant:\n%s", got, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := writeEnvFile(filepath.Join(dir, "missing", "x.env"), env); err == nil {
		t.Error("want an error for a missing directory")
	}
}

func TestBaseURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080",
		"0.0.0.0:8080":   "http://127.0.0.1:8080",
		"[::]:8080":      "http://[::1]:8080",
		"[::1]:9":        "http://[::1]:9",
	} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := baseURL(tcp, "http"); got != want {
			t.Errorf("baseURL(%s) = %s, want %s", addr, got, want)
		}
	}
}

func TestParseFlags(t *testing.T) {
	c, err := parseFlags(nil, io.Discard)
	if err != nil || c.listen != "127.0.0.1:0" || c.opts.CryptrProvisioningDelay != 2*time.Second ||
		c.opts.CyrismaProvisioningDelay != time.Second {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	c, err = parseFlags([]string{"-latency-ms", "5", "-error-rate", "0.1", "-rate-limit-per-second", "3",
		"-drop-rate", "0.2", "-drop-after-commit-rate", "0.3", "-token-ttl-seconds", "4",
		"-cryptr-provisioning-delay", "50ms"}, io.Discard)
	f := c.opts.Faults
	if err != nil || f.LatencyMS != 5 || f.ErrorRate != 0.1 || f.RateLimitPerSecond != 3 || f.DropRate != 0.2 ||
		f.DropAfterCommitRate != 0.3 || f.TokenTTLSeconds != 4 || c.opts.CryptrProvisioningDelay != 50*time.Millisecond {
		t.Fatalf("flags: %+v %v", c, err)
	}
	c, err = parseFlags([]string{"-hang-rate", "0.1", "-retry-after-seconds", "3600", "-throttle-rate", "0.2",
		"-oversized-body-bytes", "1000", "-oversized-rate", "0.3", "-redirect-to", "https://x.example", "-redirect-rate", "0.4",
		"-redirect-status", "307", "-echo-authorization-rate", "0.5", "-anonymous-answer-rate", "0.6",
		"-only-method", "POST", "-only-path-prefix", "/api/v2/organizations"}, io.Discard)
	want := emulator.Faults{HangRate: 0.1, RetryAfterSeconds: 3600, ThrottleRate: 0.2, OversizedBodyBytes: 1000,
		OversizedRate: 0.3, RedirectTo: "https://x.example", RedirectRate: 0.4, RedirectStatus: 307,
		EchoAuthorizationRate: 0.5, AnonymousAnswerRate: 0.6, OnlyMethod: "POST", OnlyPathPrefix: "/api/v2/organizations"}
	if err != nil || c.opts.Faults != want || c.tls {
		t.Fatalf("new fault flags: %+v %v", c.opts.Faults, err)
	}
	c, err = parseFlags([]string{"-tls", "-env-file", "/tmp/x/emulator.env"}, io.Discard)
	if err != nil || !c.tls || c.tlsCert != "/tmp/x/emulator.pem" || c.tlsValidity != 24*time.Hour {
		t.Fatalf("-tls: %+v %v", c, err)
	}
	c, err = parseFlags([]string{"-tls", "-tls-cert", "/tmp/c.pem", "-tls-validity", "1h"}, io.Discard)
	if err != nil || c.tlsCert != "/tmp/c.pem" || c.tlsValidity != time.Hour {
		t.Fatalf("-tls-cert: %+v %v", c, err)
	}
	for env, cert := range map[string]string{"/a/e": "/a/e.pem", "/a/e.pem": "/a/e.pem.pem", "/a/b.c/e.sh": "/a/b.c/e.pem"} {
		if got := certPathBeside(env); got != cert {
			t.Errorf("certPathBeside(%s) = %s, want %s", env, got, cert)
		}
	}
	for _, bad := range [][]string{{"-nope"}, {"-error-rate", "2"}, {"-drop-after-commit-rate", "-0.1"}, {"extra"},
		{"-hang-rate", "2"}, {"-redirect-rate", "1"}, {"-oversized-rate", "1"}, {"-only-method", "post"},
		{"-tls"}, {"-tls-cert", "/tmp/c.pem"}, {"-tls", "-tls-cert", "/tmp/e", "-env-file", "/tmp/e"}, {"-tls", "-tls-cert", "/tmp/c.pem", "-tls-validity", "0s"}} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("%v: want an error", bad)
		}
	}
}

// syncBuffer is a goroutine-safe bytes.Buffer.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// readEnv waits for the env file and parses its export lines.
func readEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, err := os.ReadFile(path)
		if err == nil {
			env := map[string]string{}
			for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
				k, v, _ := strings.Cut(strings.TrimPrefix(line, "export "), "=")
				env[k] = strings.Trim(v, "'")
			}
			return env
		}
		if time.Now().After(deadline) {
			t.Fatalf("env file never appeared: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRunServesAndShutsDown(t *testing.T) {
	envPath := filepath.Join(t.TempDir(), "emulator.env")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-env-file", envPath, "-token-ttl-seconds", "5"}, &stdout, io.Discard)
	}()

	env := readEnv(t, envPath)
	base := env["CRYPTR_SERVICE_URL"]
	if !strings.HasPrefix(base, "http://127.0.0.1:") || env["CYRISMA_API_URL"] != base+"/app" || len(env) < 13 {
		t.Fatalf("env = %v", env)
	}
	res, err := http.Get(base + "/_emulator/faults")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"token_ttl_seconds":5`) {
		t.Fatalf("faults: %d %s", res.StatusCode, body)
	}
	if got := strings.TrimSpace(stdout.String()); got != base {
		t.Errorf("stdout = %q, want %q", got, base)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after cancel")
	}
	if _, err := http.Get(base + "/_emulator/healthz"); err == nil {
		t.Error("still serving after shutdown")
	}
}

func TestRunListenError(t *testing.T) {
	if err := run(context.Background(), []string{"-listen", "256.0.0.1:0"}, io.Discard, io.Discard); err == nil {
		t.Fatal("want a listen error")
	}
}

func TestSignalShutdown(t *testing.T) {
	envPath := filepath.Join(t.TempDir(), "emulator.env")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TENANT_EMULATOR_MAIN=1", "TENANT_EMULATOR_ARGS=-env-file "+envPath)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		t.Fatalf("reading base URL: %v", err)
	}
	base := strings.TrimSpace(line)
	if env := readEnv(t, envPath); env["CRYPTR_SERVICE_URL"] != base {
		t.Errorf("env file URL %q, stdout %q", env["CRYPTR_SERVICE_URL"], base)
	}
	if res, err := http.Get(base + "/_emulator/healthz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("no exit after SIGTERM")
	}
}
