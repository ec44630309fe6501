package bench

import (
	"maps"
	"slices"
	"sort"
	"time"
)

// Phase is one timed terraform command of a cycle.
type Phase int

// The timed phases, in the order they run.
const (
	// PhaseApply is `terraform apply -auto-approve` of the new estate.
	PhaseApply Phase = iota
	// PhasePlan is `terraform plan -detailed-exitcode` of the unchanged
	// estate (a refresh of every resource); it must find no changes.
	PhasePlan
	// PhaseDestroy is `terraform destroy -auto-approve`.
	PhaseDestroy
)

// Phases lists the timed phases in run order.
var Phases = []Phase{PhaseApply, PhasePlan, PhaseDestroy}

// String returns "apply", "plan" or "destroy".
func (p Phase) String() string {
	switch p {
	case PhaseApply:
		return "apply"
	case PhasePlan:
		return "plan"
	case PhaseDestroy:
		return "destroy"
	}
	return "phase?"
}

// PhaseRun is one run of one phase.
type PhaseRun struct {
	// Duration is terraform's wall time.
	Duration time.Duration
	// Requests is what the emulator counted during the command.
	Requests Requests
	// Usage is the memory and CPU used during the command.
	Usage Usage
}

// Result is every run of one workload at one size.
type Result struct {
	// Workload is the estate.
	Workload Workload
	// N is the requested size.
	N int
	// Resources is the number of managed resources (N for every workload).
	Resources int
	// Runs holds, per phase, one PhaseRun per repeat.
	Runs [3][]PhaseRun
	// QuietPlans holds, for the plugin workloads, a second plan of the
	// unchanged estate run right after the first with the plugin SDK's
	// logging off (a diagnostic, see QuietSDKEnv), one per repeat.
	QuietPlans []PhaseRun
}

// PhaseStats are the medians over the repeats of one phase.
type PhaseStats struct {
	// Seconds is the median wall time.
	Seconds float64
	// API is the median number of non-login requests.
	API int
	// Reads is the median number of non-login GET requests.
	Reads int
	// Logins is the median number of logins per service.
	Logins map[Service]int
	// ProviderMiB is the median of the provider processes' peak VmHWM.
	ProviderMiB float64
	// ProviderProcesses is the median number of provider processes seen.
	ProviderProcesses int
	// TerraformMiB is the median of terraform's own peak VmHWM.
	TerraformMiB float64
	// Resources is the number of managed resources.
	Resources int
	// CPU is the median CPU time of terraform and its provider processes.
	CPU float64
	// ProviderCPU is the median CPU time of the provider processes.
	ProviderCPU float64
	// TerraformCPU is the median CPU time of terraform itself.
	TerraformCPU float64
	// BenchCPU is the median CPU time of the bench process (emulator).
	BenchCPU float64
	// Load1 is the median 1-minute load average at the end of the command.
	Load1 float64
}

// APIPerResource is the non-login requests per managed resource.
func (s PhaseStats) APIPerResource() float64 { return ratio(float64(s.API), float64(s.Resources)) }

// ReadsPerResource is the non-login GET requests per managed resource.
func (s PhaseStats) ReadsPerResource() float64 {
	return ratio(float64(s.Reads), float64(s.Resources))
}

// MsPerResource is the wall time per managed resource, in milliseconds.
func (s PhaseStats) MsPerResource() float64 {
	return ratio(s.Seconds*1000, float64(s.Resources))
}

// Stats returns the medians of phase p.
func (r Result) Stats(p Phase) PhaseStats { return statsOf(r.Runs[p], r.Resources) }

// QuietPlanStats returns the medians of the diagnostic plans (zero when
// there were none).
func (r Result) QuietPlanStats() PhaseStats { return statsOf(r.QuietPlans, r.Resources) }

func statsOf(runs []PhaseRun, resources int) PhaseStats {
	s := PhaseStats{Resources: resources, Logins: map[Service]int{}}
	if len(runs) == 0 {
		return s
	}
	s.Seconds = medianFloat(runs, func(x PhaseRun) float64 { return x.Duration.Seconds() })
	s.API = medianInt(runs, func(x PhaseRun) int { return x.Requests.API })
	s.Reads = medianInt(runs, func(x PhaseRun) int { return x.Requests.Reads })
	for _, svc := range Services {
		s.Logins[svc] = medianInt(runs, func(x PhaseRun) int { return x.Requests.Logins[svc] })
	}
	s.ProviderMiB = medianFloat(runs, func(x PhaseRun) float64 { return MiB(x.Usage.ProviderKiB) })
	s.ProviderProcesses = medianInt(runs, func(x PhaseRun) int { return x.Usage.ProviderProcesses })
	s.TerraformMiB = medianFloat(runs, func(x PhaseRun) float64 { return MiB(x.Usage.TerraformKiB) })
	s.CPU = medianFloat(runs, func(x PhaseRun) float64 { return x.Usage.TreeCPU.Seconds() })
	s.ProviderCPU = medianFloat(runs, func(x PhaseRun) float64 { return x.Usage.ProviderCPU.Seconds() })
	s.TerraformCPU = medianFloat(runs, func(x PhaseRun) float64 { return x.Usage.TerraformCPU().Seconds() })
	s.BenchCPU = medianFloat(runs, func(x PhaseRun) float64 { return x.Usage.BenchCPU.Seconds() })
	s.Load1 = medianFloat(runs, func(x PhaseRun) float64 { return x.Usage.Load1 })
	return s
}

// MedianRun returns the run whose duration is the median (the lower one
// for an even count), for the per-route breakdown.
func (r Result) MedianRun(p Phase) (PhaseRun, bool) {
	runs := slices.Clone(r.Runs[p])
	if len(runs) == 0 {
		return PhaseRun{}, false
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].Duration < runs[j].Duration })
	return runs[(len(runs)-1)/2], true
}

func medianFloat[T any](xs []T, f func(T) float64) float64 {
	v := make([]float64, len(xs))
	for i, x := range xs {
		v[i] = f(x)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// medianInt is the lower median of integer figures (request counts stay
// integers).
func medianInt[T any](xs []T, f func(T) int) int {
	v := make([]int, len(xs))
	for i, x := range xs {
		v[i] = f(x)
	}
	slices.Sort(v)
	return v[(len(v)-1)/2]
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
