// Command testsummary reads the output of `go test -json` on stdin and
// prints what a person needs from a long acceptance run: each package's
// result, the whole output of every failed test (and of a package that
// failed outside its tests: a panic, a build error), and one line counting
// the top-level tests that passed, were skipped or failed. It exits 1 when
// anything failed. `make testacc` and `make testacc-tofu` use it, with the
// name of the CLI in -name.
//
//	go test -json ./... | go run ./internal/tools/testsummary -name "Terraform 1.11.4" -prefix TestAcc -elapsed 95s
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	name := flag.String("name", "tests", "what ran, for the summary line (such as the CLI)")
	prefix := flag.String("prefix", "Test", "count only top-level tests whose names start with this")
	elapsed := flag.Duration("elapsed", 0, "the run's wall time, builds included, for the summary line (default: from the first event to the last)")
	flag.Parse()
	run, err := Read(os.Stdin)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testsummary: %v\n", err)
		os.Exit(1)
	}
	if *elapsed == 0 {
		*elapsed = run.Span()
	}
	run.Write(os.Stdout, *name, *prefix, *elapsed)
	if run.Failed() {
		os.Exit(1)
	}
}

// Write prints the packages' results, the output of what failed and the
// summary line.
func (r *Run) Write(w io.Writer, name, prefix string, elapsed time.Duration) {
	for _, p := range r.Packages {
		fmt.Fprintf(w, "%-4s %s\t%s\n", p.result(), p.Name, p.Elapsed)
	}
	for _, p := range r.Packages {
		for _, t := range p.FailedTests() {
			fmt.Fprintf(w, "\n--- FAIL: %s (%s)\n%s", t.Name, p.Name, t.Output)
		}
		if p.Action == "fail" && len(p.FailedTests()) == 0 {
			fmt.Fprintf(w, "\n--- FAIL: package %s\n%s", p.Name, p.Output)
		}
	}
	if len(r.Unparsed) > 0 {
		fmt.Fprintf(w, "\n--- output that is not go test -json (build errors?):\n%s", r.Unparsed)
	}
	passed, skipped, failed := r.Count(prefix)
	fmt.Fprintf(w, "== %s: %d passed, %d skipped, %d failed (%s* tests), in %s\n", name, passed, skipped, failed, prefix, elapsed.Round(time.Second))
}
