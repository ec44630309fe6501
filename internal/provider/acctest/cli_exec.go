package acctest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TerraformPath is the terraform CLI the acceptance tests run:
// TF_ACC_TERRAFORM_PATH, or terraform from the PATH.
func TerraformPath() string {
	if path := os.Getenv("TF_ACC_TERRAFORM_PATH"); path != "" {
		return path
	}
	return "terraform"
}

// Exec runs any command (a script that drives terraform, say) in the
// working directory with the environment terraform runs get: the emulator's
// variables, the CLI configuration and those of SetEnv. It returns the
// combined output and exit code, and fails the test only if the command
// cannot be started.
func (c *CLI) Exec(name string, args ...string) (string, int) {
	c.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = c.Dir, c.env
	return RunCommand(c.t, cmd)
}

// RunCommand runs a prepared command, which must not have Stdout or Stderr
// set, and returns its combined output and exit code; it fails the test
// only if the command cannot be started.
func RunCommand(t *testing.T, cmd *exec.Cmd) (string, int) {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	}
	t.Fatalf("%s: %v", strings.Join(cmd.Args, " "), err)
	return "", -1
}
