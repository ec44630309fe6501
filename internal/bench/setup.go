package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// ModulePath is the module whose root FindModuleRoot looks for.
const ModulePath = "github.com/tenantops/terraform-provider-tenant"

// mirrorVersion is the version of the provider in the filesystem mirror
// (as in internal/provider/acctest and scripts/demo.sh).
const mirrorVersion = "0.0.1"

// ProviderBinaryName is the file name of the built provider.
const ProviderBinaryName = "terraform-provider-tenant"

// NoopBinaryName is the file name of the built no-op provider (the plugin
// floor, package internal/bench/noopprovider).
const NoopBinaryName = "terraform-provider-benchnoop"

// FindModuleRoot returns the root directory of the provider's module, as
// `go env GOMOD` reports it from dir (any directory inside the module).
func FindModuleRoot(ctx context.Context, dir string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "env", "GOMOD")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("%s is not inside a Go module: run tenant-bench from the provider's repository", dir)
	}
	content, err := os.ReadFile(gomod)
	if err != nil {
		return "", err
	}
	if !bytes.Contains(content, []byte("module "+ModulePath+"\n")) {
		return "", fmt.Errorf("%s is not the module %s: run tenant-bench from the provider's repository", gomod, ModulePath)
	}
	return filepath.Dir(gomod), nil
}

// Install is a built provider laid out for the terraform CLI.
type Install struct {
	// Binary is the provider that dev_overrides points at.
	Binary string
	// MirrorBinary is its copy in the filesystem mirror.
	MirrorBinary string
	// NoopBinary is the no-op provider that dev_overrides points at.
	NoopBinary string
	// NoopMirrorBinary is its copy in the filesystem mirror.
	NoopMirrorBinary string
	// CLIConfig is the CLI configuration file (TF_CLI_CONFIG_FILE).
	CLIConfig string
}

// Executables returns the paths a provider process (the tenant provider or
// the no-op one) may run from.
func (i Install) Executables() []string {
	return []string{i.Binary, i.MirrorBinary, i.NoopBinary, i.NoopMirrorBinary}
}

// builtProvider is one provider to build and lay out.
type builtProvider struct {
	pkg, binary, source string
	path, mirrorPath    *string
}

// BuildProvider builds the provider of the module at root, and the no-op
// provider (internal/bench/noopprovider), into dir/bin, copies them into a
// filesystem mirror (dir/mirror) and writes a CLI configuration
// (dir/terraformrc) whose dev_overrides point at dir/bin, the same layout
// as internal/provider/acctest: `terraform init` succeeds without a
// registry and never reads the user's own CLI configuration.
func BuildProvider(ctx context.Context, root, dir string) (Install, error) {
	bin := filepath.Join(dir, "bin")
	mirror := filepath.Join(dir, "mirror")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return Install{}, err
	}
	var inst Install
	inst.CLIConfig = filepath.Join(dir, "terraformrc")
	for _, p := range []builtProvider{
		{pkg: ".", binary: ProviderBinaryName, source: "tenant", path: &inst.Binary, mirrorPath: &inst.MirrorBinary},
		{pkg: "./internal/bench/noopprovider", binary: NoopBinaryName, source: "benchnoop", path: &inst.NoopBinary, mirrorPath: &inst.NoopMirrorBinary},
	} {
		*p.path = filepath.Join(bin, p.binary)
		cmd := exec.CommandContext(ctx, "go", "build", "-o", *p.path, p.pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return Install{}, fmt.Errorf("building %s: %v\n%s", p.pkg, err, out)
		}
		target := filepath.Join(mirror, "registry.terraform.io", "tenantops", p.source, mirrorVersion, runtime.GOOS+"_"+runtime.GOARCH)
		if err := os.MkdirAll(target, 0o755); err != nil {
			return Install{}, err
		}
		binary, err := os.ReadFile(*p.path)
		if err != nil {
			return Install{}, err
		}
		*p.mirrorPath = filepath.Join(target, p.binary+"_v"+mirrorVersion)
		if err := os.WriteFile(*p.mirrorPath, binary, 0o755); err != nil {
			return Install{}, err
		}
	}
	if err := os.WriteFile(inst.CLIConfig, []byte(CLIConfig(bin, mirror)), 0o600); err != nil {
		return Install{}, err
	}
	return inst, nil
}

// CLIConfig returns a terraform CLI configuration with dev_overrides for
// tenantops/tenant and tenantops/benchnoop pointing at binDir and a
// filesystem mirror at mirrorDir for `terraform init`; every other provider
// would come from its registry.
func CLIConfig(binDir, mirrorDir string) string {
	return fmt.Sprintf(`provider_installation {
  dev_overrides {
    "tenantops/tenant"    = %q
    "tenantops/benchnoop" = %q
  }
  filesystem_mirror {
    path    = %q
    include = ["tenantops/tenant", "tenantops/benchnoop"]
  }
  direct {
    exclude = ["tenantops/tenant", "tenantops/benchnoop"]
  }
}
`, binDir, binDir, mirrorDir)
}

// LimiterEnv are the client-side rate limiter variables the bench sets to
// 0 (no limit): the bench measures the provider's own overhead against
// Terraform's floor, not a deliberate throttle.
var LimiterEnv = []string{
	"CRYPTR_MAX_REQUESTS_PER_SECOND",
	"CYRISMA_MAX_REQUESTS_PER_SECOND",
	"SYNERISE_MAX_REQUESTS_PER_SECOND",
}

// scrubbedPrefixes are the inherited variables dropped from terraform's
// environment, so that the user's own settings (TF_LOG, TF_CLI_ARGS,
// TF_CLI_CONFIG_FILE, real credentials, retry settings...) cannot change
// what is measured.
var scrubbedPrefixes = []string{"TF_", "CHECKPOINT_", "CRYPTR_", "CYRISMA_", "SYNERISE_", "TENANT_"}

// CommandEnv returns terraform's environment: base (normally os.Environ())
// without the scrubbed variables, then the CLI configuration, the
// automation switches, the limiter variables set to 0 and extra (the
// emulator's variables).
func CommandEnv(base []string, cliConfig string, extra map[string]string) []string {
	var env []string
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		scrub := false
		for _, p := range scrubbedPrefixes {
			if strings.HasPrefix(name, p) {
				scrub = true
			}
		}
		if !scrub {
			env = append(env, kv)
		}
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	for _, name := range LimiterEnv {
		env = append(env, name+"=0")
	}
	for _, k := range sortedKeys(extra) {
		env = append(env, k+"="+extra[k])
	}
	return env
}
