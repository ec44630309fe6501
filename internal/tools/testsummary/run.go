package main

import (
	"bufio"
	"encoding/json"
	"io"
	"sort"
	"strings"
	"time"
)

// event is one line of `go test -json` (cmd/test2json's TestEvent).
type event struct {
	Time    time.Time
	Action  string
	Package string
	Test    string
	Elapsed float64
	Output  string
}

// Test is one test of a package: its last action and everything it printed.
type Test struct {
	Name   string
	Action string
	Output string
}

// Package is one package of the run.
type Package struct {
	Name    string
	Action  string // pass, fail or skip once the package ended
	Elapsed time.Duration
	Output  string // what the package printed outside any test
	tests   map[string]*Test
	order   []string
}

// Run is a whole `go test -json` run.
type Run struct {
	Packages    []*Package
	Unparsed    string    // lines that were not JSON events
	first, last time.Time // of the events that carry a time
}

// Span is the time from the run's first event to its last.
func (r *Run) Span() time.Duration {
	return r.last.Sub(r.first)
}

// Read parses a `go test -json` stream.
func Read(r io.Reader) (*Run, error) {
	run := &Run{}
	byName := map[string]*Package{}
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	var unparsed strings.Builder
	for scanner.Scan() {
		line := scanner.Text()
		var e event
		if !strings.HasPrefix(line, "{") || json.Unmarshal([]byte(line), &e) != nil {
			unparsed.WriteString(line + "\n")
			continue
		}
		if !e.Time.IsZero() {
			if run.first.IsZero() || e.Time.Before(run.first) {
				run.first = e.Time
			}
			if e.Time.After(run.last) {
				run.last = e.Time
			}
		}
		if e.Package == "" {
			if e.Output != "" {
				unparsed.WriteString(e.Output)
			}
			continue
		}
		p := byName[e.Package]
		if p == nil {
			p = &Package{Name: e.Package, tests: map[string]*Test{}}
			byName[e.Package] = p
			run.Packages = append(run.Packages, p)
		}
		p.add(e)
	}
	run.Unparsed = unparsed.String()
	sort.Slice(run.Packages, func(i, j int) bool { return run.Packages[i].Name < run.Packages[j].Name })
	return run, scanner.Err()
}

// add records one event of the package.
func (p *Package) add(e event) {
	if e.Test == "" {
		switch e.Action {
		case "output", "build-output":
			p.Output += e.Output
		case "pass", "fail", "skip":
			p.Action, p.Elapsed = e.Action, time.Duration(e.Elapsed*float64(time.Second)).Round(10*time.Millisecond)
		case "build-fail":
			p.Action = "fail"
		}
		return
	}
	t := p.tests[e.Test]
	if t == nil {
		t = &Test{Name: e.Test}
		p.tests[e.Test] = t
		p.order = append(p.order, e.Test)
	}
	switch e.Action {
	case "output":
		t.Output += e.Output
	case "pass", "fail", "skip":
		t.Action = e.Action
	}
}

// result is how the package line starts: ok, FAIL, or ? when it had no test.
func (p *Package) result() string {
	switch p.Action {
	case "pass":
		return "ok"
	case "skip":
		return "?"
	}
	return "FAIL"
}

// FailedTests are the package's top-level tests that failed, in the order
// they started, each with its own output followed by its subtests'.
func (p *Package) FailedTests() []Test {
	var out []Test
	for _, name := range p.order {
		t := p.tests[name]
		if t.Action != "fail" || strings.Contains(name, "/") {
			continue
		}
		failed := *t
		for _, sub := range p.order {
			if strings.HasPrefix(sub, name+"/") {
				failed.Output += p.tests[sub].Output
			}
		}
		out = append(out, failed)
	}
	return out
}

// Count counts the top-level tests whose names start with prefix, by result.
func (r *Run) Count(prefix string) (passed, skipped, failed int) {
	for _, p := range r.Packages {
		for _, name := range p.order {
			if strings.Contains(name, "/") || !strings.HasPrefix(name, prefix) {
				continue
			}
			switch p.tests[name].Action {
			case "pass":
				passed++
			case "skip":
				skipped++
			case "fail":
				failed++
			}
		}
	}
	return passed, skipped, failed
}

// Failed reports whether a test or a package failed, or a package never
// reported a result (killed, or not built).
func (r *Run) Failed() bool {
	if len(r.Packages) == 0 {
		return true
	}
	for _, p := range r.Packages {
		if p.Action != "pass" && p.Action != "skip" {
			return true
		}
	}
	return false
}
