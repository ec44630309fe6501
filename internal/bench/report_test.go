package bench

import (
	"strings"
	"testing"
	"time"
)

// fakeResult builds a result of one run per phase: wall seconds per
// phase, CPU = wall, and the plan's requests exactly one read per resource.
func fakeResult(w Workload, n int, apply, plan, destroy float64) Result {
	res := Result{Workload: w, N: n, Resources: n}
	sec := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	for p, s := range map[Phase]float64{PhaseApply: apply, PhasePlan: plan, PhaseDestroy: destroy} {
		run := PhaseRun{Duration: sec(s), Usage: Usage{TreeCPU: sec(s), TerraformKiB: 80 << 10, Load1: 1.5}, Requests: Summarize(nil)}
		if w.UsesPlugin() {
			run.Usage.ProviderKiB, run.Usage.ProviderProcesses, run.Usage.ProviderCPU = 40<<10, 3, sec(s/2)
		}
		if w.UsesProvider() {
			routes := ExpectedPlanReads(w, n)
			routes["POST /api/v2/oauth/token"] = Walks(p)
			if w == WorkloadMixed {
				routes["POST /app/partner/login"] = Walks(p)
				routes["POST /uauth/v2/auth/login/profile"] = Walks(p)
			}
			run.Requests = Summarize(routes)
		}
		res.Runs[p] = []PhaseRun{run}
	}
	return res
}

// fakeReport has a floor plan of 1 s per 1000 resources and provider plans
// `slow` times slower, all linear.
func fakeReport(sizes []int, slow float64) *Report {
	rep := &Report{Date: time.Date(2025, 1, 2, 3, 4, 0, 0, time.UTC), Wall: 90 * time.Second, Sizes: sizes, Repeat: 1, Parallelism: 10,
		SampleInterval: 25 * time.Millisecond, Machine: Machine{CPU: "Test CPU", Cores: 2, MemoryKiB: 24 << 20, Platform: "linux/amd64", GoVersion: "go1.26.8", TerraformVersion: "1.11.4"}}
	for _, n := range sizes {
		k := float64(n) / 1000
		rep.Results = append(rep.Results,
			fakeResult(WorkloadFloor, n, 2*k, k, 3*k),
			fakeResult(WorkloadPluginFloor, n, 4*k, slow*k, 5*k),
			fakeResult(WorkloadCryptrOrgs, n, 5*k, slow*k, 6*k),
			fakeResult(WorkloadMixed, n, 6*k, slow*k, 7*k))
	}
	return rep
}

func verdicts(rep *Report) map[string]Verdict {
	out := map[string]Verdict{}
	for _, v := range rep.Verdicts() {
		out[v.Target] = v
	}
	return out
}

func TestVerdictsMet(t *testing.T) {
	v := verdicts(fakeReport([]int{100, 500, 1000}, 1.2))
	for _, target := range []string{TargetPlanRatio, TargetOneRead, TargetLogins, TargetLinear} {
		if v[target].Status != Met {
			t.Errorf("%s: %s (%s)", target, v[target].Status, v[target].Detail)
		}
	}
	if !strings.Contains(v[TargetPlanRatio].Detail, "**1.20x**") {
		t.Errorf("plan ratio detail: %s", v[TargetPlanRatio].Detail)
	}
}

func TestVerdictsMissed(t *testing.T) {
	rep := fakeReport([]int{100, 500, 1000}, 10)
	// Superlinear destroy: the last interval costs twice the first.
	res, _ := rep.Result(1000, WorkloadCryptrOrgs)
	res.Runs[PhaseDestroy][0].Duration = 12 * time.Second
	res.Runs[PhaseDestroy][0].Usage.TreeCPU = 12 * time.Second
	// One extra read, and three logins in a plan.
	res.Runs[PhasePlan][0].Requests = Summarize(map[string]int{readRoutes.org: 1001, "POST /api/v2/oauth/token": 3})
	for i := range rep.Results {
		if rep.Results[i].N == 1000 && rep.Results[i].Workload == WorkloadCryptrOrgs {
			rep.Results[i] = res
		}
	}
	v := verdicts(rep)
	for _, target := range []string{TargetPlanRatio, TargetOneRead, TargetLogins, TargetLinear} {
		if v[target].Status != Missed {
			t.Errorf("%s: %s (%s)", target, v[target].Status, v[target].Detail)
		}
	}
	if !strings.Contains(v[TargetOneRead].Detail, "×1 extra") || !strings.Contains(v[TargetLogins].Detail, "3 cryptr logins") {
		t.Errorf("details: %s / %s", v[TargetOneRead].Detail, v[TargetLogins].Detail)
	}
}

func TestVerdictsNotAssessed(t *testing.T) {
	v := verdicts(fakeReport([]int{100}, 2))
	if v[TargetPlanRatio].Status != NotAssessed || !strings.Contains(v[TargetPlanRatio].Detail, "at N=100: 2.00x") {
		t.Errorf("plan ratio: %+v", v[TargetPlanRatio])
	}
	if v[TargetLinear].Status != NotAssessed {
		t.Errorf("linear: %+v", v[TargetLinear])
	}
}

func TestLinearity(t *testing.T) {
	rep := fakeReport([]int{100, 500, 1000}, 3)
	for _, row := range rep.Linearity() {
		if row.Workload != WorkloadCryptrOrgs || row.Phase != PhasePlan {
			continue
		}
		for i, v := range row.MsPerResource {
			if v < 2.999 || v > 3.001 {
				t.Errorf("ms/resource[%d] = %f, want 3", i, v)
			}
		}
		if len(row.CPUMarginal) != 2 || row.CPUMarginalRatio() < 0.999 || row.CPUMarginalRatio() > 1.001 || row.PerResourceRatio() < 0.999 || row.PerResourceRatio() > 1.001 ||
			row.ProviderCPUMarginalRatio() < 0.999 || row.ProviderCPUMarginalRatio() > 1.001 {
			t.Errorf("row = %+v", row)
		}
		return
	}
	t.Fatal("no cryptr plan row")
}

func TestMainRows(t *testing.T) {
	rep := fakeReport([]int{100}, 2)
	rows := rep.MainRows(100)
	if len(rows) != len(Workloads) {
		t.Fatalf("%d rows", len(rows))
	}
	want := []string{"cryptr organizations (100)", "0.50", "0.20", "0.60", "2.00x", "1.00", "1.00", "1.00", "2/0/0", "1/0/0", "2/0/0", "40 / 40 / 40", "80 / 80 / 80"}
	if got := rows[2]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("cryptr row =\n%q\nwant\n%q", got, want)
	}
	if got := rows[0]; got[5] != "—" || got[11] != "—" {
		t.Errorf("floor row = %q", got)
	}
	for _, row := range rows {
		if len(row) != len(mainColumns) {
			t.Errorf("row %q has %d cells, want %d", row, len(row), len(mainColumns))
		}
	}
	for _, row := range rep.CPURows(100) {
		if len(row) != len(cpuColumns) {
			t.Errorf("CPU row %q has %d cells", row, len(row))
		}
	}
}

func TestMarkdownTable(t *testing.T) {
	got := MarkdownTable([]string{"a", "b|c", "d"}, [][]string{{"x", "1.5x", "ok"}, {"y", "40 / 42 / —", "2"}})
	want := "| a | b\\|c | d |\n| :--- | ---: | :--- |\n| x | 1.5x | ok |\n| y | 40 / 42 / — | 2 |\n"
	if got != want {
		t.Errorf("MarkdownTable =\n%s\nwant\n%s", got, want)
	}
}

func TestMarkdownAndText(t *testing.T) {
	rep := fakeReport([]int{100, 500, 1000}, 1.5)
	rep.Results[5].QuietPlans = rep.Results[5].Runs[PhasePlan]
	md := rep.Markdown()
	for _, s := range []string{
		"# Benchmarks", "## Targets", "## Machine", "## Method", "## Results", "### N = 500", "## Linearity", "## Where the time goes",
		"CRYPTR_MAX_REQUESTS_PER_SECOND=0", "client-side rate limiters are off", "-parallelism=10", "Test CPU", "24.0 GiB", "go1.26.8", "1.11.4",
		"2025-01-02 03:04 UTC", "| a plan of 500 unchanged resources within 1.3x the floor | **MISSED** |",
		"| exactly one read request per resource per refresh | **met** |", "wall ms/res N=1000", "CPU ms/res N=1000", "marginal last ÷ first", "provider marginal last ÷ first",
		"Diagnostic: the plan with the plugin SDK's logs off", "<details><summary>N = 1000, mixed estate</summary>",
		"200 Cryptr organizations, 100 Cryptr webhooks",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q", s)
		}
	}
	text := rep.Text()
	for _, s := range []string{"N = 100", "[MISSED] a plan of 500", "Linearity", "Wall time of the run: 1m30s"} {
		if !strings.Contains(text, s) {
			t.Errorf("Text lacks %q:\n%s", s, text)
		}
	}
}

func TestReportJSONRoundTrip(t *testing.T) {
	rep := fakeReport([]int{100, 500, 1000}, 2)
	data, err := MarshalReport(rep)
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalReport(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Markdown() != rep.Markdown() {
		t.Error("the report rendered from JSON differs")
	}
	if _, err := UnmarshalReport([]byte(`{}`)); err == nil {
		t.Error("an empty report was accepted")
	}
}
