package bench

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// mainColumns are the headers of the per-N results table.
var mainColumns = []string{
	"estate", "apply s", "plan s", "destroy s", "plan ÷ floor",
	"req/res apply", "req/res plan", "req/res destroy",
	"logins apply", "logins plan", "logins destroy",
	"provider peak MiB (apply/plan/destroy)", "terraform peak MiB (apply/plan/destroy)",
}

// MainRows returns the cells of the results table of size n: one row per
// workload, in the order of mainColumns. Logins read Cryptr/Cyrisma/Synerise.
func (r *Report) MainRows(n int) [][]string {
	floor, hasFloor := r.Result(n, WorkloadFloor)
	var rows [][]string
	for _, w := range Workloads {
		res, ok := r.Result(n, w)
		if !ok {
			continue
		}
		a, p, d := res.Stats(PhaseApply), res.Stats(PhasePlan), res.Stats(PhaseDestroy)
		row := []string{fmt.Sprintf("%s (%d)", w.Label(), res.Resources), secs(a.Seconds), secs(p.Seconds), secs(d.Seconds)}
		if hasFloor {
			row = append(row, times(ratio(p.Seconds, floor.Stats(PhasePlan).Seconds)))
		} else {
			row = append(row, "—")
		}
		if w.UsesProvider() {
			row = append(row, perRes(a.APIPerResource()), perRes(p.APIPerResource()), perRes(d.APIPerResource()),
				loginTriple(a.Logins), loginTriple(p.Logins), loginTriple(d.Logins))
		} else {
			row = append(row, "—", "—", "—", "—", "—", "—")
		}
		if w.UsesPlugin() {
			row = append(row, fmt.Sprintf("%.0f / %.0f / %.0f", a.ProviderMiB, p.ProviderMiB, d.ProviderMiB))
		} else {
			row = append(row, "—")
		}
		row = append(row, fmt.Sprintf("%.0f / %.0f / %.0f", a.TerraformMiB, p.TerraformMiB, d.TerraformMiB))
		rows = append(rows, row)
	}
	return rows
}

// cpuColumns are the headers of the CPU breakdown table.
var cpuColumns = []string{
	"estate", "phase", "wall s", "CPU s", "terraform CPU s", "provider CPU s", "emulator CPU s",
	"CPU ÷ floor", "provider processes", "load (1 min)",
}

// CPURows returns the cells of the CPU breakdown of size n, one row per
// workload and phase, in the order of cpuColumns.
func (r *Report) CPURows(n int) [][]string {
	floor, hasFloor := r.Result(n, WorkloadFloor)
	var rows [][]string
	for _, w := range Workloads {
		res, ok := r.Result(n, w)
		if !ok {
			continue
		}
		for _, p := range Phases {
			s := res.Stats(p)
			rel := "—"
			if hasFloor && w != WorkloadFloor {
				rel = times(ratio(s.CPU, floor.Stats(p).CPU))
			}
			prov, procs := secs(s.ProviderCPU), fmt.Sprint(s.ProviderProcesses)
			if !w.UsesPlugin() {
				prov, procs = "—", "—"
			}
			rows = append(rows, []string{w.Label(), p.String(), secs(s.Seconds), secs(s.CPU), secs(s.TerraformCPU), prov,
				secs(s.BenchCPU), rel, procs, fmt.Sprintf("%.1f", s.Load1)})
		}
	}
	return rows
}

// quietColumns are the headers of the diagnostic table.
var quietColumns = []string{"N", "estate", "plan s", "plan CPU s", "quiet plan s", "quiet plan CPU s", "CPU saved", "quiet plan ÷ floor"}

// QuietRows returns the cells of the diagnostic table: for each size and
// provider workload, the plan against the plan with the SDK's logs off.
func (r *Report) QuietRows() [][]string {
	var rows [][]string
	for _, n := range r.Sizes {
		floor, hasFloor := r.Result(n, WorkloadFloor)
		for _, w := range Workloads {
			res, ok := r.Result(n, w)
			if !ok || len(res.QuietPlans) == 0 {
				continue
			}
			p, q := res.Stats(PhasePlan), res.QuietPlanStats()
			rel := "—"
			if hasFloor {
				rel = times(ratio(q.Seconds, floor.Stats(PhasePlan).Seconds))
			}
			rows = append(rows, []string{fmt.Sprint(n), w.Label(), secs(p.Seconds), secs(p.CPU), secs(q.Seconds), secs(q.CPU),
				fmt.Sprintf("%.0f%%", 100*(1-ratio(q.CPU, p.CPU))), rel})
		}
	}
	return rows
}

// linearSizes returns the sorted distinct sizes.
func (r *Report) linearSizes() []int { return slices.Compact(slices.Sorted(slices.Values(r.Sizes))) }

// wallLinearColumns returns the headers of the wall-time linearity table.
func (r *Report) wallLinearColumns() []string {
	sizes := r.linearSizes()
	cols := []string{"estate", "phase"}
	for _, n := range sizes {
		cols = append(cols, fmt.Sprintf("wall ms/res N=%d", n))
	}
	return append(cols, fmt.Sprintf("N=%d ÷ N=%d", sizes[len(sizes)-1], sizes[0]))
}

// WallLinearRows returns the cells of the wall-time linearity table.
func (r *Report) WallLinearRows() [][]string {
	var rows [][]string
	for _, l := range r.Linearity() {
		row := []string{l.Workload.Label(), l.Phase.String()}
		for _, v := range l.MsPerResource {
			row = append(row, fmt.Sprintf("%.2f", v))
		}
		rows = append(rows, append(row, fmt.Sprintf("%.2f", l.PerResourceRatio())))
	}
	return rows
}

// cpuLinearColumns returns the headers of the CPU linearity table.
func (r *Report) cpuLinearColumns() []string {
	sizes := r.linearSizes()
	cols := []string{"estate", "phase"}
	for _, n := range sizes {
		cols = append(cols, fmt.Sprintf("CPU ms/res N=%d", n))
	}
	cols = append(cols, fmt.Sprintf("N=%d ÷ N=%d", sizes[len(sizes)-1], sizes[0]))
	for i := 1; i < len(sizes); i++ {
		cols = append(cols, fmt.Sprintf("marginal CPU ms/res %d→%d", sizes[i-1], sizes[i]))
	}
	if len(sizes) >= 3 {
		cols = append(cols, "marginal last ÷ first", "provider marginal last ÷ first")
	}
	return append(cols, "terraform CPU ms/res (each N)", "provider CPU ms/res (each N)", "req/res (each N)")
}

// CPULinearRows returns the cells of the CPU linearity table.
func (r *Report) CPULinearRows() [][]string {
	var rows [][]string
	three := len(r.linearSizes()) >= 3
	for _, l := range r.Linearity() {
		row := []string{l.Workload.Label(), l.Phase.String()}
		for _, v := range l.CPUMsPerResource {
			row = append(row, fmt.Sprintf("%.2f", v))
		}
		row = append(row, fmt.Sprintf("%.2f", l.CPUPerResourceRatio()))
		for _, v := range l.CPUMarginal {
			row = append(row, fmt.Sprintf("%.2f", v))
		}
		if three {
			prov := "—"
			if l.Workload.UsesPlugin() {
				prov = fmt.Sprintf("%.2f", l.ProviderCPUMarginalRatio())
			}
			row = append(row, fmt.Sprintf("%.2f", l.CPUMarginalRatio()), prov)
		}
		row = append(row, joinFloats(l.TerraformCPUMsPerResource, "%.1f"))
		if l.Workload.UsesPlugin() {
			row = append(row, joinFloats(l.ProviderCPUMsPerResource, "%.1f"))
		} else {
			row = append(row, "—")
		}
		if l.Workload.UsesProvider() {
			row = append(row, joinFloats(l.RequestsPerResource, "%.2f"))
		} else {
			row = append(row, "—")
		}
		rows = append(rows, row)
	}
	return rows
}

func joinFloats(xs []float64, format string) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprintf(format, x))
	}
	return strings.Join(s, " / ")
}

// Text renders the report for a terminal: the tables of each N and the
// verdicts.
func (r *Report) Text() string {
	var b strings.Builder
	for _, n := range r.Sizes {
		fmt.Fprintf(&b, "\nN = %d  (logins: Cryptr/Cyrisma/Synerise)\n", n)
		writeTabs(&b, mainColumns, r.MainRows(n))
	}
	fmt.Fprintf(&b, "\nCPU breakdown\n")
	for _, n := range r.Sizes {
		fmt.Fprintf(&b, "N = %d\n", n)
		writeTabs(&b, cpuColumns, r.CPURows(n))
	}
	if rows := r.QuietRows(); len(rows) > 0 {
		fmt.Fprintf(&b, "\nDiagnostic: plan with the plugin SDK's logs off\n")
		writeTabs(&b, quietColumns, rows)
	}
	if len(r.linearSizes()) >= 2 {
		fmt.Fprintf(&b, "\nLinearity: wall time per resource\n")
		writeTabs(&b, r.wallLinearColumns(), r.WallLinearRows())
		fmt.Fprintf(&b, "\nLinearity: CPU time per resource (terraform + provider)\n")
		writeTabs(&b, r.cpuLinearColumns(), r.CPULinearRows())
	}
	fmt.Fprintf(&b, "\nTargets\n")
	for _, v := range r.Verdicts() {
		fmt.Fprintf(&b, "  [%s] %s\n      %s\n", v.Status, v.Target, strings.ReplaceAll(v.Detail, "**", ""))
	}
	fmt.Fprintf(&b, "\nWall time of the run: %s\n", r.Wall.Round(time.Second))
	return b.String()
}

func writeTabs(b *strings.Builder, cols []string, rows [][]string) {
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(cols, "\t"))
	for _, row := range rows {
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	_ = tw.Flush()
}

// MarkdownTable renders a Markdown table: columns whose every cell is a
// figure (numbers, "1.50x", "37%", "40 / 42 / 41", "—") are right aligned,
// the others left aligned.
func MarkdownTable(cols []string, rows [][]string) string {
	var b strings.Builder
	esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	b.WriteString("|")
	for _, c := range cols {
		b.WriteString(" " + esc(c) + " |")
	}
	b.WriteString("\n|")
	for i := range cols {
		numeric := len(rows) > 0
		for _, row := range rows {
			if i < len(row) && !isFigure(row[i]) {
				numeric = false
			}
		}
		if numeric {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" :--- |")
		}
	}
	b.WriteString("\n")
	for _, row := range rows {
		b.WriteString("|")
		for _, c := range row {
			b.WriteString(" " + esc(c) + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// isFigure reports whether a cell holds only figures: numbers, possibly
// followed by "x" or "%", separated by " / ", or "—".
func isFigure(cell string) bool {
	for _, part := range strings.Split(cell, " / ") {
		part = strings.TrimSpace(part)
		if part == "—" {
			continue
		}
		part = strings.TrimSuffix(strings.TrimSuffix(part, "x"), "%")
		if _, err := strconv.ParseFloat(part, 64); err != nil {
			return false
		}
	}
	return cell != ""
}

func secs(v float64) string { return fmt.Sprintf("%.2f", v) }

func times(v float64) string {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.2fx", v)
}

func perRes(v float64) string { return fmt.Sprintf("%.2f", v) }
