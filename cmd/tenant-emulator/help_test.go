package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// helpPlaceholders is the placeholder `tenant-emulator -h` must show for
// each flag that takes a value (flag prints the first backquoted word of the
// usage text); the boolean -tls takes none.
var helpPlaceholders = map[string]string{
	"listen": "HOST:PORT", "env-file": "FILE", "seed": "FILE", "tls-cert": "FILE",
	"tls-validity": "DURATION", "cryptr-provisioning-delay": "DURATION", "cyrisma-provisioning-delay": "DURATION",
	"latency-ms": "MS", "rate-limit-per-second": "N", "token-ttl-seconds": "SECONDS", "retry-after-seconds": "SECONDS",
	"oversized-body-bytes": "BYTES", "redirect-to": "URL", "redirect-status": "STATUS",
	"only-method": "METHOD", "only-path-prefix": "PREFIX",
	"error-rate": "RATE", "drop-rate": "RATE", "drop-after-commit-rate": "RATE", "hang-rate": "RATE",
	"throttle-rate": "RATE", "oversized-rate": "RATE", "redirect-rate": "RATE", "echo-authorization-rate": "RATE",
	"anonymous-answer-rate": "RATE", "tls": "",
}

// helpFlagLine matches a flag's line of flag's usage output: "  -name" and
// maybe " PLACEHOLDER".
var helpFlagLine = regexp.MustCompile(`^  -([a-z0-9-]+)(?: (\S+))?$`)

// TestHelpShowsPlaceholders runs `tenant-emulator -h` (the real command:
// the test binary acting as main) and checks that it exits 0 and that every
// flag that takes a value shows a placeholder saying what to give it
// (-env-file FILE, not the export line of its description nor the Go type
// "string"), and that every flag of the command is in the output.
func TestHelpShowsPlaceholders(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TENANT_EMULATOR_MAIN=1", "TENANT_EMULATOR_ARGS=-h")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("tenant-emulator -h: %v\n%s", err, stderr.String())
	}
	help := stderr.String()
	if !strings.Contains(help, "\n  -env-file FILE\n") {
		t.Errorf("tenant-emulator -h does not show \"-env-file FILE\":\n%s", help)
	}
	seen := map[string]string{}
	for _, line := range strings.Split(help, "\n") {
		if m := helpFlagLine.FindStringSubmatch(line); m != nil {
			seen[m[1]] = m[2]
		}
	}
	for name, want := range helpPlaceholders {
		got, ok := seen[name]
		switch {
		case !ok:
			t.Errorf("-%s is not in the help output", name)
		case got != want:
			t.Errorf("-%s shows the placeholder %q, want %q", name, got, want)
		}
	}
	for name, got := range seen {
		if _, ok := helpPlaceholders[name]; !ok {
			t.Errorf("-%s (placeholder %q) has no expected placeholder in this test: add it", name, got)
		}
		switch got {
		case "string", "int", "uint", "float", "duration", "value":
			t.Errorf("-%s shows the Go type %q as its placeholder: put a backquoted word in its usage", name, got)
		}
	}
}
