package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMixFor(t *testing.T) {
	for _, n := range []int{5, 7, 100, 333, 500, 1000} {
		if got := MixFor(n).Total(); got != n {
			t.Errorf("MixFor(%d).Total() = %d", n, got)
		}
	}
	want := Mix{CryptrOrgs: 40, CryptrWebhooks: 20, CyrismaInstances: 25, CyrismaUsers: 14, SyneriseAllowlists: 1}
	if got := MixFor(100); got != want {
		t.Errorf("MixFor(100) = %+v, want %+v", got, want)
	}
	if got := MixFor(1000); got.CryptrOrgs != 400 || got.CryptrWebhooks != 200 || got.CyrismaInstances != 250 || got.CyrismaUsers != 149 {
		t.Errorf("MixFor(1000) = %+v", got)
	}
	if m := MixFor(5); m.CryptrWebhooks > m.CryptrOrgs || m.CyrismaUsers < 1 {
		t.Errorf("MixFor(5) = %+v: every webhook needs an organization and every type one resource", m)
	}
}

func TestConfig(t *testing.T) {
	for _, tc := range []struct {
		w    Workload
		want []string
	}{
		{WorkloadFloor, []string{`resource "terraform_data" "item"`, "count = 100", `"bench-n100-r1-data-%04d"`}},
		{WorkloadPluginFloor, []string{`source = "tenantops/benchnoop"`, `resource "benchnoop_organization" "org"`, "count                 = 100"}},
		{WorkloadCryptrOrgs, []string{`source = "tenantops/tenant"`, `resource "tenant_cryptr_organization" "org"`, "count                 = 100", `"Bench N100-r1 org %04d"`}},
		{WorkloadMixed, []string{
			`default     = "root-id"`,
			"count                 = 40", "count       = 20", "count              = 25", "count       = 14", "count                  = 1",
			"tenant_cryptr_organization.org[count.index].domain", `"bench.n100-r1.%04d@msp.bench.example"`,
		}},
	} {
		t.Run(tc.w.String(), func(t *testing.T) {
			p := ConfigParams{Workload: tc.w, N: 100, Tag: "n100-r1", CyrismaParentID: "root-id"}
			got := Config(p)
			for _, s := range tc.want {
				if !strings.Contains(got, s) {
					t.Errorf("config lacks %q:\n%s", s, got)
				}
			}
			if strings.Contains(got, "%!") {
				t.Errorf("formatting error in the config:\n%s", got)
			}
			if p.Count() != 100 {
				t.Errorf("Count() = %d, want 100", p.Count())
			}
		})
	}
}

// TestAccBenchConfigTerraform checks the generated configurations with the real
// CLI: `terraform fmt -check` and, after init, `terraform validate` against
// the freshly built providers. It needs TF_ACC, like every real-CLI test.
func TestAccBenchConfigTerraform(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI: set TF_ACC=1")
	}
	terraform, err := exec.LookPath(envOrDefault("TF_ACC_TERRAFORM_PATH", "terraform"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	root, err := FindModuleRoot(ctx, ".")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := BuildProvider(ctx, root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tf := Terraform{Path: terraform, Env: CommandEnv(os.Environ(), inst.CLIConfig, nil)}
	for _, w := range Workloads {
		t.Run(w.String(), func(t *testing.T) {
			dir := t.TempDir()
			p := ConfigParams{Workload: w, N: 7, Tag: "n7-r1", CyrismaParentID: "00000000-0000-4000-8000-000000000000"}
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(Config(p)), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"fmt", "-check", "-diff"}, {"init", "-input=false", "-no-color"}, {"validate", "-no-color"}} {
				c, err := tf.Run(ctx, dir, args[0], args...)
				if err != nil {
					t.Fatal(err)
				}
				if c.ExitCode != 0 {
					t.Fatalf("terraform %s exited %d:\n%s\n%s", strings.Join(args, " "), c.ExitCode, c.Output, Config(p))
				}
			}
		})
	}
}

func envOrDefault(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func TestCommandEnv(t *testing.T) {
	base := []string{"PATH=/bin", "HOME=/root", "TF_LOG=trace", "TF_CLI_ARGS=-lock=false", "CRYPTR_CLIENT_SECRET=real", "TENANT_MAX_RETRIES=0", "GOFLAGS=-mod=mod"}
	env := CommandEnv(base, "/w/terraformrc", map[string]string{"CRYPTR_SERVICE_URL": "http://127.0.0.1:1"})
	got := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if _, dup := got[k]; dup {
			t.Errorf("%s set twice", k)
		}
		got[k] = v
	}
	for k, v := range map[string]string{
		"PATH": "/bin", "HOME": "/root", "GOFLAGS": "-mod=mod", "TF_CLI_CONFIG_FILE": "/w/terraformrc", "CHECKPOINT_DISABLE": "1", "TF_IN_AUTOMATION": "1",
		"CRYPTR_MAX_REQUESTS_PER_SECOND": "0", "CYRISMA_MAX_REQUESTS_PER_SECOND": "0", "SYNERISE_MAX_REQUESTS_PER_SECOND": "0",
		"CRYPTR_SERVICE_URL": "http://127.0.0.1:1",
	} {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	for _, k := range []string{"TF_LOG", "TF_CLI_ARGS", "CRYPTR_CLIENT_SECRET", "TENANT_MAX_RETRIES"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s was not scrubbed", k)
		}
	}
}

func TestCLIConfig(t *testing.T) {
	got := CLIConfig("/w/bin", "/w/mirror")
	for _, s := range []string{`"tenantops/tenant"    = "/w/bin"`, `"tenantops/benchnoop" = "/w/bin"`, `path    = "/w/mirror"`} {
		if !strings.Contains(got, s) {
			t.Errorf("CLI configuration lacks %q:\n%s", s, got)
		}
	}
}

func ExampleMixFor() {
	fmt.Println(MixFor(500))
	// Output: 200 Cryptr organizations, 100 Cryptr webhooks, 125 Cyrisma instances, 74 Cyrisma users, 1 Synerise IP allowlist
}
