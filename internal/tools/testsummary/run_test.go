package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// stream is a go test -json run of two packages: one passes (a test passes,
// one is skipped, a helper test not counted), one fails in a subtest, plus
// a line that is not JSON.
const stream = `{"Time":"2026-12-05T07:00:00Z","Action":"start","Package":"example.com/a"}
{"Action":"run","Package":"example.com/a","Test":"TestAccOne"}
{"Action":"output","Package":"example.com/a","Test":"TestAccOne","Output":"=== RUN   TestAccOne\n"}
{"Action":"pass","Package":"example.com/a","Test":"TestAccOne","Elapsed":1.5}
{"Action":"run","Package":"example.com/a","Test":"TestAccSkipped"}
{"Action":"skip","Package":"example.com/a","Test":"TestAccSkipped"}
{"Action":"run","Package":"example.com/a","Test":"TestHelper"}
{"Action":"pass","Package":"example.com/a","Test":"TestHelper"}
{"Action":"pass","Package":"example.com/a","Elapsed":2.25}
{"Action":"run","Package":"example.com/b","Test":"TestAccTwo"}
{"Action":"output","Package":"example.com/b","Test":"TestAccTwo","Output":"=== RUN   TestAccTwo\n"}
{"Action":"run","Package":"example.com/b","Test":"TestAccTwo/step"}
{"Action":"output","Package":"example.com/b","Test":"TestAccTwo/step","Output":"    two_test.go:9: the plan was not empty\n"}
{"Action":"fail","Package":"example.com/b","Test":"TestAccTwo/step"}
{"Action":"fail","Package":"example.com/b","Test":"TestAccTwo","Elapsed":3}
{"Action":"output","Package":"example.com/b","Output":"FAIL\n"}
{"Time":"2026-12-05T07:01:05Z","Action":"fail","Package":"example.com/b","Elapsed":3.5}
# example.com/c
`

func TestSummaryCountsAndShowsFailures(t *testing.T) {
	run, err := Read(strings.NewReader(stream))
	if err != nil {
		t.Fatal(err)
	}
	if passed, skipped, failed := run.Count("TestAcc"); passed != 1 || skipped != 1 || failed != 1 {
		t.Errorf("Count = %d passed, %d skipped, %d failed; want 1, 1, 1", passed, skipped, failed)
	}
	if !run.Failed() {
		t.Error("Failed() = false for a run with a failed package")
	}
	if got := run.Span(); got != 65*time.Second {
		t.Errorf("Span() = %s, want 1m5s (first event to last)", got)
	}
	var out bytes.Buffer
	run.Write(&out, "Terraform 1.11.4", "TestAcc", 90*time.Second)
	for _, want := range []string{
		"ok   example.com/a\t2.25s\n",
		"FAIL example.com/b\t3.5s\n",
		"--- FAIL: TestAccTwo (example.com/b)\n=== RUN   TestAccTwo\n    two_test.go:9: the plan was not empty\n",
		"# example.com/c\n",
		"== Terraform 1.11.4: 1 passed, 1 skipped, 1 failed (TestAcc* tests), in 1m30s\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the summary lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "TestAccOne (") {
		t.Errorf("the summary shows the output of a test that passed:\n%s", out.String())
	}
}

func TestSummaryOfAPassingRun(t *testing.T) {
	passing := strings.Join(strings.Split(stream, "\n")[:9], "\n")
	run, err := Read(strings.NewReader(passing))
	if err != nil {
		t.Fatal(err)
	}
	if run.Failed() {
		t.Error("Failed() = true for a run whose only package passed")
	}
}

func TestSummaryOfNothingFails(t *testing.T) {
	run, err := Read(strings.NewReader("go: cannot find main module\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !run.Failed() {
		t.Error("Failed() = false for a run that reported no package")
	}
}
