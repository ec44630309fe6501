// Command tenant-bench measures the tenant provider at scale against
// Terraform's own floor and writes BENCHMARKS.md (`make bench`). It builds
// the provider, starts the emulator in-process on loopback and, for each N,
// applies, plans (unchanged) and destroys N terraform_data resources, N
// Cryptr organizations and a mixed estate of N resources with the real
// terraform CLI; see package internal/bench.
//
//	go run ./cmd/tenant-bench -out BENCHMARKS.md
//	go run ./cmd/tenant-bench -n 100            # quick run, tables only
//	go run ./cmd/tenant-bench -repeat 3 -json bench.json -out BENCHMARKS.md
//	go run ./cmd/tenant-bench -from bench.json -out BENCHMARKS.md   # render again
//
// It exits 1 if any command fails, including a plan of the unchanged estate
// that is not empty; the targets' verdicts do not change the exit status.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		log.New(os.Stderr, "", 0).Printf("tenant-bench: %v", err)
		os.Exit(1)
	}
}

// config is the parsed command line.
type config struct {
	opts     bench.Options
	out      string
	jsonOut  string
	fromJSON string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("tenant-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("n", "100,500,1000", "comma-separated sizes N (each at least 5)")
	fs.IntVar(&c.opts.Repeat, "repeat", 1, "run every cycle this many times and report medians")
	fs.IntVar(&c.opts.Parallelism, "parallelism", bench.DefaultParallelism, "terraform -parallelism of the timed commands")
	fs.StringVar(&c.out, "out", "", "write the Markdown report to this file (overwritten), such as BENCHMARKS.md")
	fs.StringVar(&c.jsonOut, "json", "", "also write the raw figures as JSON to this file")
	fs.StringVar(&c.fromJSON, "from", "", "do not run: render the report from a file written by -json")
	fs.StringVar(&c.opts.Terraform, "terraform", envOr("TERRAFORM", "terraform"), "terraform executable (default $TERRAFORM, else terraform on PATH)")
	fs.StringVar(&c.opts.WorkDir, "work", "", "directory for the build and the working directories (default: a temporary directory)")
	fs.BoolVar(&c.opts.Keep, "keep", false, "keep the temporary work directory (it is always kept after a failure)")
	fs.BoolVar(&c.opts.Diagnose, "diagnose", true, "also run each provider plan again with the plugin SDK's logs off (reported apart)")
	fs.DurationVar(&c.opts.SampleInterval, "sample", 25*time.Millisecond, "/proc sampling interval for peak memory")
	fs.StringVar(&c.opts.LogLevel, "tf-log", "", "set TF_LOG to this level for every command, logs in the work directory (investigations only: slows everything)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	var err error
	if c.opts.Sizes, err = parseSizes(*sizes); err != nil {
		return c, err
	}
	if c.opts.Repeat < 1 || c.opts.Parallelism < 1 {
		return c, errors.New("-repeat and -parallelism must be at least 1")
	}
	return c, nil
}

// parseSizes parses "100,500,1000".
func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 5 {
			return nil, fmt.Errorf("-n: %q is not a size of at least 5", part)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	var rep *bench.Report
	if c.fromJSON != "" {
		data, err := os.ReadFile(c.fromJSON)
		if err != nil {
			return err
		}
		if rep, err = bench.UnmarshalReport(data); err != nil {
			return fmt.Errorf("%s: %w", c.fromJSON, err)
		}
	} else {
		c.opts.Log = stderr
		if rep, err = bench.Run(ctx, c.opts); err != nil {
			return err
		}
		rep.Command = strings.Join(append([]string{"go run ./cmd/tenant-bench"}, args...), " ")
	}
	if c.jsonOut != "" {
		data, err := bench.MarshalReport(rep)
		if err != nil {
			return err
		}
		if err := os.WriteFile(c.jsonOut, data, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprint(stdout, rep.Text())
	if c.out != "" {
		if err := os.WriteFile(c.out, []byte(rep.Markdown()), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Wrote %s\n", c.out)
	}
	return nil
}
