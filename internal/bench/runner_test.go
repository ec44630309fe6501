package bench

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// TestAccBenchTimedPlanMustBeEmpty checks that a plan with changes fails the bench:
// a terraform_data whose input is timestamp() changes at every plan. It
// runs the terraform CLI, so it needs TF_ACC.
func TestAccBenchTimedPlanMustBeEmpty(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI: set TF_ACC=1")
	}
	terraform, err := exec.LookPath(envOrDefault("TF_ACC_TERRAFORM_PATH", "terraform"))
	if err != nil {
		t.Fatal(err)
	}
	server := emulator.StartTestServer(emulator.Options{})
	defer server.Close()
	dir := t.TempDir()
	rc := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(rc, []byte(CLIConfig(filepath.Join(dir, "bin"), filepath.Join(dir, "mirror"))), 0o600); err != nil {
		t.Fatal(err)
	}
	config := "resource \"terraform_data\" \"now\" {\n  input = timestamp()\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	r := &runner{tf: Terraform{Path: terraform, Env: CommandEnv(os.Environ(), rc, server.Env())}, server: server, parallelism: 10, logf: t.Logf}
	ctx := context.Background()
	p := ConfigParams{Workload: WorkloadFloor, N: 1, Tag: "t"}
	for _, args := range [][]string{{"init", "-input=false", "-no-color"}, {"apply", "-input=false", "-no-color", "-auto-approve"}} {
		if _, err := r.timed(ctx, dir, p, args[0], PhaseApply, nil, args); err != nil {
			t.Fatal(err)
		}
	}
	_, err = r.timed(ctx, dir, p, "plan", PhasePlan, nil, []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"})
	if err == nil || !strings.Contains(err.Error(), "NOT empty") || !strings.Contains(err.Error(), "terraform_data.now") {
		t.Fatalf("a plan with changes gave %v", err)
	}
}
