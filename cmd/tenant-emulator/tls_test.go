package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startRun runs the command with args until the test ends, and returns the
// env file it wrote.
func startRun(t *testing.T, args ...string) (env map[string]string, envPath string, stop func() error) {
	t.Helper()
	envPath = filepath.Join(t.TempDir(), "emulator.env")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"-env-file", envPath}, args...), io.Discard, io.Discard) }()
	stopped := false
	stop = func() error {
		t.Helper()
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			t.Fatal("run did not return after cancel")
			return nil
		}
	}
	t.Cleanup(func() { _ = stop() })
	return readEnv(t, envPath), envPath, stop
}

func TestRunTLS(t *testing.T) {
	env, envPath, stop := startRun(t, "-tls", "-tls-validity", "2h")
	base := env["CRYPTR_SERVICE_URL"]
	if !strings.HasPrefix(base, "https://127.0.0.1:") || env["CYRISMA_API_URL"] != base+"/app" ||
		!strings.HasPrefix(env["SYNERISE_API_URL"], "https://") {
		t.Fatalf("env = %v", env)
	}
	certPath := strings.TrimSuffix(envPath, ".env") + ".pem"
	pemBytes, err := os.ReadFile(certPath)
	if err != nil {
		t.Fatalf("certificate beside the env file: %v", err)
	}
	if fi, _ := os.Stat(certPath); fi.Mode().Perm() != 0o644 || strings.Contains(string(pemBytes), "PRIVATE") {
		t.Errorf("certificate file: mode %v\n%s", fi.Mode(), pemBytes)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		t.Fatal("no certificate in the PEM file")
	}

	// A client trusting the PEM is served, over HTTP/2 or HTTP/1.1.
	for _, h2 := range []bool{true, false} {
		tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: h2}
		res, err := (&http.Client{Transport: tr, Timeout: 5 * time.Second}).Get(base + "/_emulator/healthz")
		if err != nil {
			t.Fatalf("trusting client (h2 %v): %v", h2, err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || (res.ProtoMajor == 2) != h2 {
			t.Errorf("trusting client (h2 %v): %d %s", h2, res.StatusCode, res.Proto)
		}
		tr.CloseIdleConnections()
	}
	// localhost is in the certificate too.
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	local := strings.Replace(base, "127.0.0.1", "localhost", 1)
	if res, err := (&http.Client{Transport: tr, Timeout: 5 * time.Second}).Get(local + "/_emulator/healthz"); err != nil {
		t.Errorf("via localhost: %v", err)
	} else {
		res.Body.Close()
	}
	tr.CloseIdleConnections()

	// One that does not trust it fails with a certificate error.
	_, err = (&http.Client{Timeout: 5 * time.Second}).Get(base + "/_emulator/healthz")
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Fatalf("untrusting client: %v, want x509.UnknownAuthorityError", err)
	}
	if err := stop(); err != nil {
		t.Fatalf("run: %v", err)
	}
}

func TestShutdownDropsHeldRequests(t *testing.T) {
	env, _, stop := startRun(t, "-hang-rate", "1", "-only-path-prefix", "/api/")
	base := env["CRYPTR_SERVICE_URL"]
	errc := make(chan error, 1)
	go func() {
		res, err := (&http.Client{Timeout: 30 * time.Second}).Get(base + "/api/v2/organizations")
		if err == nil {
			res.Body.Close()
			err = errors.New("answered " + res.Status)
		}
		errc <- err
	}()
	deadline := time.Now().Add(5 * time.Second)
	for {
		res, err := http.Get(base + "/_emulator/requests")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(body), `"hung":1`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("request never held: %s", body)
		}
		time.Sleep(10 * time.Millisecond)
	}
	begin := time.Now()
	if err := stop(); err != nil {
		t.Fatalf("run: %v", err)
	}
	if d := time.Since(begin); d > 3*time.Second {
		t.Errorf("shutdown took %v with a held request", d)
	}
	if err := <-errc; strings.HasPrefix(err.Error(), "answered") {
		t.Fatal(err)
	}
}
