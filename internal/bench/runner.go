package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// DefaultParallelism is terraform's -parallelism for every timed command.
const DefaultParallelism = 10

// Options configures Run.
type Options struct {
	// Sizes are the values of N, such as 100, 500, 1000.
	Sizes []int
	// Repeat is how many times each cycle runs (the report shows medians).
	Repeat int
	// Parallelism is terraform's -parallelism (DefaultParallelism if 0).
	Parallelism int
	// Terraform is the terraform executable ("terraform" on PATH if empty).
	Terraform string
	// Dir is the module root (found from the working directory if empty).
	Dir string
	// WorkDir holds the build and the working directories (a new temporary
	// directory if empty).
	WorkDir string
	// Keep keeps a temporary WorkDir after a successful run (it is always
	// kept after a failure, for inspection).
	Keep bool
	// SampleInterval is the /proc sampling period (25 ms if zero).
	SampleInterval time.Duration
	// LogLevel sets TF_LOG for every command (see Terraform.LogLevel).
	LogLevel string
	// Diagnose adds, for the plugin workloads, a second plan of the
	// unchanged estate with the plugin SDK's logging off (QuietSDKEnv); it
	// is reported apart and never counts towards the targets.
	Diagnose bool
	// Log receives progress lines (discarded if nil).
	Log io.Writer
}

// Run builds the provider, starts the emulator and runs every cycle: for
// each size, repeat and workload, init (not timed), apply, plan and destroy.
// It stops at the first failure, including a plan that is not empty.
func Run(ctx context.Context, opts Options) (rep *Report, err error) {
	started := time.Now()
	if opts.Repeat < 1 {
		opts.Repeat = 1
	}
	if opts.Parallelism <= 0 {
		opts.Parallelism = DefaultParallelism
	}
	if opts.SampleInterval <= 0 {
		opts.SampleInterval = 25 * time.Millisecond
	}
	if len(opts.Sizes) == 0 {
		return nil, errors.New("no sizes to run")
	}
	for _, n := range opts.Sizes {
		if n < 5 {
			return nil, fmt.Errorf("size %d: every size must be at least 5 (the mixed estate needs one resource of each type)", n)
		}
	}
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	logf := func(format string, args ...any) { fmt.Fprintf(logw, format+"\n", args...) }

	if opts.Terraform == "" {
		opts.Terraform = "terraform"
	}
	tfPath, err := exec.LookPath(opts.Terraform)
	if err != nil {
		return nil, fmt.Errorf("the terraform CLI is required: %w", err)
	}
	root := opts.Dir
	if root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if root, err = FindModuleRoot(ctx, wd); err != nil {
			return nil, err
		}
	}
	work := opts.WorkDir
	temporary := work == ""
	if temporary {
		if work, err = os.MkdirTemp("", "tenant-bench-"); err != nil {
			return nil, err
		}
	}
	defer func() {
		switch {
		case err != nil:
			logf("work directory kept for inspection: %s", work)
		case temporary && !opts.Keep:
			_ = os.RemoveAll(work)
		default:
			logf("work directory: %s", work)
		}
	}()

	logf("building the provider from %s", root)
	inst, err := BuildProvider(ctx, root, work)
	if err != nil {
		return nil, err
	}

	server := emulator.StartTestServer(emulator.Options{})
	defer server.Close()
	logf("emulator on %s (no provisioning delay, no faults); client-side limiters off", server.URL)

	tf := Terraform{
		Path:           tfPath,
		Env:            CommandEnv(os.Environ(), inst.CLIConfig, server.Env()),
		ProviderExes:   inst.Executables(),
		SampleInterval: opts.SampleInterval,
		LogLevel:       opts.LogLevel,
	}
	rep = &Report{
		Date:           started,
		Machine:        DescribeMachine(ctx, tf),
		Sizes:          opts.Sizes,
		Repeat:         opts.Repeat,
		Parallelism:    opts.Parallelism,
		SampleInterval: opts.SampleInterval,
		LogLevel:       opts.LogLevel,
		Diagnose:       opts.Diagnose,
	}
	r := &runner{tf: tf, server: server, work: work, parallelism: opts.Parallelism, diagnose: opts.Diagnose, logf: logf}
	for _, n := range opts.Sizes {
		results := make([]Result, len(Workloads))
		for i, w := range Workloads {
			results[i] = Result{Workload: w, N: n}
		}
		for k := 1; k <= opts.Repeat; k++ {
			for i, w := range Workloads {
				params := ConfigParams{Workload: w, N: n, Tag: fmt.Sprintf("n%d-r%d", n, k),
					CyrismaParentID: server.Server.Fixtures().CyrismaRootInstanceID}
				runs, quiet, err := r.cycle(ctx, params)
				if err != nil {
					return nil, fmt.Errorf("N=%d, %s, repeat %d: %w", n, w.Label(), k, err)
				}
				results[i].Resources = params.Count()
				for _, p := range Phases {
					results[i].Runs[p] = append(results[i].Runs[p], runs[p])
				}
				if quiet != nil {
					results[i].QuietPlans = append(results[i].QuietPlans, *quiet)
				}
			}
		}
		rep.Results = append(rep.Results, results...)
	}
	rep.Wall = time.Since(started)
	return rep, nil
}

// runner holds what every cycle shares.
type runner struct {
	tf          Terraform
	server      *emulator.TestServer
	work        string
	parallelism int
	diagnose    bool
	logf        func(string, ...any)
}

// QuietSDKEnv turns off the logs of the plugin SDK (terraform-plugin-go,
// terraform-plugin-framework) and of the provider. Without TF_LOG_SDK* the
// SDK logs every RPC at TRACE level as JSON on the provider's stderr, which
// Terraform parses and then drops (its own provider log level is off when
// TF_LOG is unset). Users do not set these variables, so the targets are
// measured without them; the diagnostic plan shows what that logging costs.
var QuietSDKEnv = []string{"TF_LOG_SDK=off", "TF_LOG_SDK_PROTO=off", "TF_LOG_SDK_FRAMEWORK=off", "TF_LOG_PROVIDER=off"}

// cycle runs init, apply, plan and destroy of one generated estate, and
// the diagnostic plan when asked (quiet is nil otherwise).
func (r *runner) cycle(ctx context.Context, p ConfigParams) (runs [3]PhaseRun, quiet *PhaseRun, err error) {
	dir := filepath.Join(r.work, "runs", p.Tag, p.Workload.String())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return runs, nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(Config(p)), 0o600); err != nil {
		return runs, nil, err
	}
	ini, err := r.tf.Run(ctx, dir, "init", "init", "-input=false", "-no-color")
	if err != nil {
		return runs, nil, err
	}
	if ini.ExitCode != 0 {
		return runs, nil, fmt.Errorf("terraform init exited %d:\n%s", ini.ExitCode, ini.Tail(40))
	}
	par := fmt.Sprintf("-parallelism=%d", r.parallelism)
	commands := [3][]string{
		PhaseApply:   {"apply", "-input=false", "-no-color", "-compact-warnings", "-auto-approve", par},
		PhasePlan:    {"plan", "-input=false", "-no-color", "-compact-warnings", "-detailed-exitcode", par},
		PhaseDestroy: {"destroy", "-input=false", "-no-color", "-compact-warnings", "-auto-approve", par},
	}
	for _, phase := range Phases {
		run, err := r.timed(ctx, dir, p, phase.String(), phase, nil, commands[phase])
		if err != nil {
			return runs, nil, err
		}
		runs[phase] = run
		if phase == PhasePlan && r.diagnose && p.Workload.UsesPlugin() {
			q, err := r.timed(ctx, dir, p, "plan-quiet-sdk", PhasePlan, QuietSDKEnv, commands[phase])
			if err != nil {
				return runs, nil, fmt.Errorf("diagnostic plan with the SDK logs off: %w", err)
			}
			quiet = &q
		}
	}
	return runs, quiet, nil
}

// timed runs one timed command between a reset and a read of the
// emulator's request counts; a plan must exit 0 (no changes).
func (r *runner) timed(ctx context.Context, dir string, p ConfigParams, name string, phase Phase, extraEnv, args []string) (PhaseRun, error) {
	r.server.Server.ResetRequestCounts()
	c, err := r.tf.RunEnv(ctx, dir, name, extraEnv, args...)
	if err != nil {
		return PhaseRun{}, err
	}
	counts := r.server.Server.RequestCounts()
	if c.ExitCode != 0 {
		if phase == PhasePlan && c.ExitCode == 2 {
			return PhaseRun{}, fmt.Errorf("the plan of the unchanged estate is NOT empty (terraform plan -detailed-exitcode exited 2): the provider reports a diff right after apply; this is a provider bug, not a benchmark result:\n%s",
				planChanges(c.Output))
		}
		return PhaseRun{}, fmt.Errorf("terraform %s exited %d:\n%s", name, c.ExitCode, c.Tail(40))
	}
	run := PhaseRun{Duration: c.Duration, Requests: Summarize(counts.Routes), Usage: c.Usage}
	u := c.Usage
	r.logf("N=%-5d %-22s %-14s %7.2fs wall %6.2fs cpu (terraform %5.2f, provider %5.2f, emulator %5.2f)  %5d requests (%d logins)  provider %d proc %4.0f MiB  terraform %4.0f MiB  load %.1f",
		p.N, p.Workload.Label(), name, c.Duration.Seconds(), u.TreeCPU.Seconds(), u.TerraformCPU().Seconds(), u.ProviderCPU.Seconds(), u.BenchCPU.Seconds(),
		run.Requests.Total, run.Requests.Total-run.Requests.API, u.ProviderProcesses, MiB(u.ProviderKiB), MiB(u.TerraformKiB), u.Load1)
	return run, nil
}

// planChanges returns the lines of a plan's output that name changes (at
// most 60), or its tail.
func planChanges(out string) string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "~") || strings.HasPrefix(t, "Plan:") || strings.HasPrefix(t, "-/+") {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return Command{Output: out}.Tail(60)
	}
	if len(lines) > 60 {
		lines = append(lines[:60], fmt.Sprintf("... (%d more lines)", len(lines)-60))
	}
	return strings.Join(lines, "\n")
}
