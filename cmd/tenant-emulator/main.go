// Command tenant-emulator serves the in-memory emulator of the Cryptr,
// Cyrisma and Synerise APIs (see package internal/emulator) until SIGINT or
// SIGTERM. With -seed it first loads the objects of a seed file, the JSON
// that GET /_emulator/state answers or a hand-written subset of it (see
// "Seed files" in package internal/emulator); a bad file stops it before it
// listens, with one line per problem naming the object and the field. Once
// listening it writes the provider's environment variables to -env-file
// (if given; sorted `export NAME='value'` lines, mode 0600, written to a
// temporary file then renamed) and prints the base URL alone on a line of
// stdout. An unspecified listen host (0.0.0.0, ::) is advertised as the
// loopback address. Shutdown waits up to 10 s for requests in flight;
// requests held by the hang fault are dropped at once.
//
//	tenant-emulator -listen 127.0.0.1:8080 -seed seed.json -env-file /tmp/emulator.env
//	. /tmp/emulator.env && terraform plan
//	curl "$CRYPTR_SERVICE_URL/_emulator/state" > state.json   # a seed for the next run
//
// # HTTPS
//
// With -tls it serves HTTPS (HTTP/2 and HTTP/1.1) with a certificate
// generated at start: self-signed ECDSA P-256, valid for localhost,
// 127.0.0.1, ::1 and the listen host, for -tls-validity (default 24h). Its
// PEM (the certificate only; the key stays in memory) is written, mode
// 0644, to -tls-cert, by default beside the env file with its extension
// replaced by ".pem" (-env-file /tmp/emulator.env → /tmp/emulator.pem; one
// of -tls-cert and -env-file is needed). It is written before the env
// file, whose URLs are then https://. Its path is printed on stderr.
// Clients must be told to trust it; Go programs (the provider, Terraform,
// OpenTofu) on Linux and other Unix systems but macOS read SSL_CERT_FILE,
// which replaces the system's roots for that process:
//
//	tenant-emulator -tls -env-file /tmp/emulator.env &
//	. /tmp/emulator.env && SSL_CERT_FILE=/tmp/emulator.pem terraform plan
//	curl --cacert /tmp/emulator.pem "$CRYPTR_SERVICE_URL/_emulator/healthz"
//
// As SSL_CERT_FILE replaces the system's roots, a command that also talks
// to other hosts (terraform init reaching a registry) needs a bundle of
// both: cat /etc/ssl/certs/ca-certificates.crt /tmp/emulator.pem >
// bundle.pem. On macOS and Windows, Go uses the system's trust store
// instead: add the certificate there. A client that does not trust it fails
// the TLS handshake ("x509: certificate signed by unknown authority").
//
// Flags: -listen, -env-file, -seed, -tls, -tls-cert, -tls-validity, and
// the faults of package emulator (see "Faults" there): -latency-ms,
// -error-rate, -rate-limit-per-second, -drop-rate,
// -drop-after-commit-rate, -token-ttl-seconds, -hang-rate,
// -retry-after-seconds, -throttle-rate, -oversized-body-bytes,
// -oversized-rate, -redirect-to, -redirect-rate, -redirect-status,
// -echo-authorization-rate, -anonymous-answer-rate, -only-method,
// -only-path-prefix; and -cryptr-provisioning-delay,
// -cyrisma-provisioning-delay (-help describes them).
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		log.New(os.Stderr, "", 0).Printf("tenant-emulator: %v", err)
		os.Exit(1)
	}
}

// config is the parsed command line.
type config struct {
	listen      string
	envFile     string
	seedFile    string
	tls         bool
	tlsCert     string
	tlsValidity time.Duration
	opts        emulator.Options
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("tenant-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "address to listen on, as `HOST:PORT` (port 0 = any free port)")
	fs.StringVar(&c.envFile, "env-file", "", "once listening, write the provider's environment variables to `FILE`, as export NAME='value' lines")
	fs.StringVar(&c.seedFile, "seed", "", "load objects from the seed `FILE` (the JSON of GET /_emulator/state) before listening")
	fs.IntVar(&c.opts.Faults.LatencyMS, "latency-ms", 0, "fault: latency added to every API request, in `MS` (milliseconds)")
	fs.Float64Var(&c.opts.Faults.ErrorRate, "error-rate", 0, "fault: probability that an API request is answered 503, a `RATE` from 0 to 1")
	fs.IntVar(&c.opts.Faults.RateLimitPerSecond, "rate-limit-per-second", 0, "fault: answer 429 beyond `N` API requests per second (0 = off)")
	fs.Float64Var(&c.opts.Faults.DropRate, "drop-rate", 0, "fault: probability that an API request's connection is closed unanswered, a `RATE` from 0 to 1")
	fs.Float64Var(&c.opts.Faults.DropAfterCommitRate, "drop-after-commit-rate", 0, "fault: probability that an API request is served, then its connection closed unanswered, a `RATE` from 0 to 1")
	fs.IntVar(&c.opts.Faults.TokenTTLSeconds, "token-ttl-seconds", 0, "fault: lifetime of every minted token, in `SECONDS` (0 = service defaults)")
	fs.Float64Var(&c.opts.Faults.HangRate, "hang-rate", 0, "fault: probability that an API request is held unanswered until the client gives up, a `RATE` from 0 to 1")
	fs.IntVar(&c.opts.Faults.RetryAfterSeconds, "retry-after-seconds", 0, "fault: Retry-After of 429 answers, in `SECONDS` (0 = 1)")
	fs.Float64Var(&c.opts.Faults.ThrottleRate, "throttle-rate", 0, "fault: probability that an API request is answered 429, whatever the rate limit, a `RATE` from 0 to 1")
	fs.IntVar(&c.opts.Faults.OversizedBodyBytes, "oversized-body-bytes", 0, "fault: size oversized answers are padded to, in `BYTES`")
	fs.Float64Var(&c.opts.Faults.OversizedRate, "oversized-rate", 0, "fault: probability that an answer is padded to -oversized-body-bytes, a `RATE` from 0 to 1")
	fs.StringVar(&c.opts.Faults.RedirectTo, "redirect-to", "", "fault: absolute `URL` redirects point to (the request's path and query appended)")
	fs.Float64Var(&c.opts.Faults.RedirectRate, "redirect-rate", 0, "fault: probability that an API request is answered with a redirect to -redirect-to, a `RATE` from 0 to 1")
	fs.IntVar(&c.opts.Faults.RedirectStatus, "redirect-status", 0, "fault: `STATUS` of redirects: 301, 302, 303, 307 or 308 (0 = 302)")
	fs.Float64Var(&c.opts.Faults.EchoAuthorizationRate, "echo-authorization-rate", 0, "fault: probability that an API request is answered 500 echoing its credentials, a `RATE` from 0 to 1")
	fs.Float64Var(&c.opts.Faults.AnonymousAnswerRate, "anonymous-answer-rate", 0, "fault: probability that an API request is served but its 2xx JSON answer replaced by {\"id\":\"x\"}, a `RATE` from 0 to 1")
	fs.StringVar(&c.opts.Faults.OnlyMethod, "only-method", "", "fault scope: fault only requests of this HTTP `METHOD` (e.g. POST)")
	fs.StringVar(&c.opts.Faults.OnlyPathPrefix, "only-path-prefix", "", "fault scope: fault only requests whose path starts with `PREFIX` (e.g. /api/v2/organizations)")
	fs.BoolVar(&c.tls, "tls", false, "serve HTTPS with a freshly generated self-signed certificate")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "with -tls: write the certificate's PEM to `FILE` (default: beside -env-file, extension .pem)")
	fs.DurationVar(&c.tlsValidity, "tls-validity", 24*time.Hour, "with -tls: how long the certificate is valid, as a Go `DURATION` (e.g. 24h, 90m)")
	fs.DurationVar(&c.opts.CryptrProvisioningDelay, "cryptr-provisioning-delay", 2*time.Second, "how long (a Go `DURATION`, e.g. 2s) a new Cryptr organization stays pending")
	fs.DurationVar(&c.opts.CyrismaProvisioningDelay, "cyrisma-provisioning-delay", time.Second, "how long (a Go `DURATION`, e.g. 1s) a new Cyrisma instance stays unreadable")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if err := c.opts.Faults.Validate(); err != nil {
		return c, err
	}
	switch {
	case !c.tls && c.tlsCert != "":
		return c, errors.New("-tls-cert needs -tls")
	case c.tls && c.tlsValidity <= 0:
		return c, errors.New("-tls-validity must be positive")
	case c.tls && c.tlsCert == "" && c.envFile == "":
		return c, errors.New("-tls needs -tls-cert FILE or -env-file (the certificate is then written beside it)")
	case c.tls && c.tlsCert == "":
		c.tlsCert = certPathBeside(c.envFile)
	}
	if c.tls && c.envFile != "" && filepath.Clean(c.tlsCert) == filepath.Clean(c.envFile) {
		return c, errors.New("-tls-cert and -env-file must be two files")
	}
	return c, nil
}

// certPathBeside is the default -tls-cert: envFile with its extension
// replaced by ".pem" (or ".pem" appended if it already is ".pem").
func certPathBeside(envFile string) string {
	if filepath.Ext(envFile) == ".pem" {
		return envFile + ".pem"
	}
	return strings.TrimSuffix(envFile, filepath.Ext(envFile)) + ".pem"
}

// run serves until ctx is done, then shuts down cleanly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	emu := emulator.New(cfg.opts)
	if cfg.seedFile != "" {
		if err := emu.LoadSeedFile(cfg.seedFile); err != nil {
			return fmt.Errorf("loading %s:\n%w", cfg.seedFile, err)
		}
	}
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return err
	}
	scheme := "http"
	if cfg.tls {
		scheme = "https"
	}
	base := baseURL(ln.Addr(), scheme)
	srv := &http.Server{Handler: emu.Handler(), ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(emu.Close) // drop the requests held by the hang fault

	if cfg.tls {
		cert, certPEM, err := emulator.SelfSignedCert(cfg.tlsValidity, listenHost(ln.Addr()))
		if err != nil {
			ln.Close()
			return fmt.Errorf("generating the TLS certificate: %w", err)
		}
		if err := writeFileAtomic(cfg.tlsCert, certPEM, 0o644); err != nil {
			ln.Close()
			return fmt.Errorf("writing the TLS certificate: %w", err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
		fmt.Fprintf(stderr, "tenant-emulator: serving HTTPS; certificate in %s (trust it with SSL_CERT_FILE=%s)\n", cfg.tlsCert, cfg.tlsCert)
	}
	if cfg.envFile != "" {
		if err := writeEnvFile(cfg.envFile, emu.Env(base)); err != nil {
			ln.Close()
			return fmt.Errorf("writing env file: %w", err)
		}
	}
	fmt.Fprintln(stdout, base)

	errc := make(chan error, 1)
	go func() {
		if cfg.tls {
			errc <- srv.ServeTLS(ln, "", "")
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// baseURL is "scheme://host:port" for addr, with an unspecified host
// (0.0.0.0 or ::) replaced by the matching loopback address.
func baseURL(addr net.Addr, scheme string) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return scheme + "://" + addr.String()
	}
	return scheme + "://" + net.JoinHostPort(advertisedHost(host), port)
}

// advertisedHost replaces an unspecified host (0.0.0.0 or ::) by the
// matching loopback address.
func advertisedHost(host string) string {
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if ip.To4() == nil {
			return "::1"
		}
		return "127.0.0.1"
	}
	return host
}

// listenHost is the advertised host of addr, which the TLS certificate
// must cover too (it always covers the loopback names).
func listenHost(addr net.Addr) string {
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return ""
	}
	return advertisedHost(host)
}

// writeEnvFile writes env as sorted `export NAME='value'` lines, atomically
// (see writeFileAtomic), mode 0600.
func writeEnvFile(path string, env map[string]string) error {
	var b strings.Builder
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "export %s=%s\n", k, shellQuote(env[k]))
	}
	return writeFileAtomic(path, []byte(b.String()), 0o600)
}

// writeFileAtomic writes data to a temporary file in path's directory, sets
// its mode, then renames it over path.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// shellQuote single-quotes s for POSIX shells.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
