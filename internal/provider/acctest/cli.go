package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// build holds the provider binary built once per test process for CLI tests.
var build struct {
	once sync.Once
	dir  string
	err  error
}

// mirrorVersion is the version the built provider has in the local
// filesystem mirror that lets `terraform init` work without a registry.
const mirrorVersion = "0.0.1"

// providerBinaryDir builds the provider into a temporary directory once and
// returns that directory. The directory also holds a filesystem mirror
// (mirror/) with the same binary.
func providerBinaryDir(t *testing.T) string {
	t.Helper()
	build.once.Do(func() {
		build.dir, build.err = os.MkdirTemp("", "tenant-provider-bin-")
		if build.err != nil {
			return
		}
		_, here, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(here), "..", "..", "..")
		cmd := exec.Command("go", "build", "-o", filepath.Join(build.dir, "terraform-provider-tenant"), ".")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			build.err = fmt.Errorf("building the provider: %v\n%s", err, out)
			return
		}
		build.err = mirror(build.dir)
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.dir
}

// registryHosts are the hosts a short provider source ("tenantops/tenant")
// resolves to: Terraform's registry, and OpenTofu's.
var registryHosts = []string{"registry.terraform.io", "registry.opentofu.org"}

// mirror lays the built provider out as a filesystem mirror under
// dir/mirror, once per registry host, so that `init` works offline with
// either CLI.
func mirror(dir string) error {
	binary, err := os.ReadFile(filepath.Join(dir, "terraform-provider-tenant"))
	if err != nil {
		return err
	}
	platform := runtime.GOOS + "_" + runtime.GOARCH
	for _, host := range registryHosts {
		target := filepath.Join(dir, "mirror", host, "tenantops", "tenant", mirrorVersion, platform)
		if err := os.MkdirAll(target, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(target, "terraform-provider-tenant_v"+mirrorVersion), binary, 0o755); err != nil {
			return err
		}
	}
	return nil
}

// CLI runs the real terraform (or OpenTofu) CLI of TF_ACC_TERRAFORM_PATH in
// its own working directory against a
// freshly built provider (through dev_overrides, never the user's CLI
// configuration), with the emulator's environment variables. It is for
// tests of whole user workflows that the testing framework does not model,
// such as config generation.
type CLI struct {
	t   *testing.T
	Dir string
	env []string
}

// NewCLI prepares a working directory for e.
func (e *Env) NewCLI(t *testing.T) *CLI {
	t.Helper()
	PreCheck(t)
	bin := providerBinaryDir(t)
	dir := t.TempDir()
	rc := filepath.Join(dir, ".terraformrc")
	config := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "tenantops/tenant" = %q
  }
  filesystem_mirror {
    path    = %q
    include = ["tenantops/tenant"]
  }
  direct {
    exclude = ["tenantops/tenant"]
  }
}
`, bin, filepath.Join(bin, "mirror"))
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	for k, v := range e.Vars {
		env = append(env, k+"="+v)
	}
	return &CLI{t: t, Dir: dir, env: env}
}

// CopyDir copies the files of src (a directory of the repository, relative
// to its root, such as "examples/quickstart") into the working directory.
func (c *CLI) CopyDir(src string) {
	c.t.Helper()
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..", "..", src)
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(c.Dir, rel), 0o755)
		}
		if !strings.HasSuffix(d.Name(), ".tf") {
			return nil
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(c.Dir, rel), content, 0o600)
	})
	if err != nil {
		c.t.Fatal(err)
	}
}

// WriteFile writes a file of the working directory.
func (c *CLI) WriteFile(name, content string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.Dir, name), []byte(content), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// ReadFile reads a file of the working directory.
func (c *CLI) ReadFile(name string) string {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.Dir, name))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

// Run runs terraform with args and returns its combined output and exit
// code; it fails the test only if terraform cannot be started.
func (c *CLI) Run(args ...string) (string, int) {
	c.t.Helper()
	return c.Exec(TerraformPath(), append(args, "-no-color")...)
}

// MustRun runs terraform and fails the test unless it exits with want.
func (c *CLI) MustRun(want int, args ...string) string {
	c.t.Helper()
	out, code := c.Run(args...)
	if code != want {
		c.t.Fatalf("terraform %s exited %d, want %d:\n%s", strings.Join(args, " "), code, want, out)
	}
	return out
}

// RequireAcceptance runs the rest of a real-CLI test only under TF_ACC=1, as
// terraform-plugin-testing does for its own tests; `make test` and CI set it.
func RequireAcceptance(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make testacc does)")
	}
}
