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
// loopback address. Shutdown waits up to 10 s for requests in flight.
//
//	tenant-emulator -listen 127.0.0.1:8080 -seed seed.json -env-file /tmp/emulator.env
//	. /tmp/emulator.env && terraform plan
//	curl "$CRYPTR_SERVICE_URL/_emulator/state" > state.json   # a seed for the next run
//
// Flags: -listen, -env-file, -seed, -latency-ms, -error-rate,
// -rate-limit-per-second, -drop-rate, -drop-after-commit-rate,
// -token-ttl-seconds, -cryptr-provisioning-delay,
// -cyrisma-provisioning-delay (-help describes them).
package main

import (
	"context"
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
	listen   string
	envFile  string
	seedFile string
	opts     emulator.Options
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("tenant-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "address to listen on (port 0 = any free port)")
	fs.StringVar(&c.envFile, "env-file", "", "write `export NAME='value'` lines for the provider to this file once listening")
	fs.StringVar(&c.seedFile, "seed", "", "load objects from this seed `file` (the JSON of GET /_emulator/state) before listening")
	fs.IntVar(&c.opts.Faults.LatencyMS, "latency-ms", 0, "fault: added latency per API request, in ms")
	fs.Float64Var(&c.opts.Faults.ErrorRate, "error-rate", 0, "fault: probability of answering 503")
	fs.IntVar(&c.opts.Faults.RateLimitPerSecond, "rate-limit-per-second", 0, "fault: API requests per second before 429 (0 = off)")
	fs.Float64Var(&c.opts.Faults.DropRate, "drop-rate", 0, "fault: probability of closing the connection without answering")
	fs.Float64Var(&c.opts.Faults.DropAfterCommitRate, "drop-after-commit-rate", 0, "fault: probability of serving a request, then closing the connection without answering")
	fs.IntVar(&c.opts.Faults.TokenTTLSeconds, "token-ttl-seconds", 0, "fault: lifetime of every minted token (0 = service defaults)")
	fs.DurationVar(&c.opts.CryptrProvisioningDelay, "cryptr-provisioning-delay", 2*time.Second, "time a new Cryptr organization stays pending")
	fs.DurationVar(&c.opts.CyrismaProvisioningDelay, "cyrisma-provisioning-delay", time.Second, "time a new Cyrisma instance stays unreadable")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if err := c.opts.Faults.Validate(); err != nil {
		return c, err
	}
	return c, nil
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
	base := baseURL(ln.Addr())
	srv := &http.Server{Handler: emu.Handler(), ReadHeaderTimeout: 10 * time.Second}

	if cfg.envFile != "" {
		if err := writeEnvFile(cfg.envFile, emu.Env(base)); err != nil {
			ln.Close()
			return fmt.Errorf("writing env file: %w", err)
		}
	}
	fmt.Fprintln(stdout, base)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
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

// baseURL is "http://host:port" for addr, with an unspecified host (0.0.0.0
// or ::) replaced by the matching loopback address.
func baseURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
		if ip.To4() == nil {
			host = "::1"
		}
	}
	return "http://" + net.JoinHostPort(host, port)
}

// writeEnvFile writes env as sorted `export NAME='value'` lines, atomically:
// to a temporary file in the same directory, then renamed over path.
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
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.WriteString(b.String()); err != nil {
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
