package bench

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
)

// Targets of the issue, as quoted in the report.
const (
	TargetPlanRatio   = "a plan of 500 unchanged resources within 1.3x the floor"
	TargetOneRead     = "exactly one read request per resource per refresh"
	TargetLogins      = "at most one login per service per token lifetime"
	TargetLinear      = "cost growing linearly with N"
	targetPlanN       = 500
	targetPlanMaxRate = 1.3
	// LinearTolerance is the largest accepted ratio between the marginal
	// CPU cost per resource of the last interval of N and that of the
	// first (1 is perfectly linear; fixed start-up costs do not count in a
	// marginal cost).
	LinearTolerance = 1.25
	// requestTolerance is the largest relative change of the requests per
	// resource across N (the mixed estate's proportions round slightly
	// differently at each N).
	requestTolerance = 0.02
)

// TokenLifetimes are the emulator's default token lifetimes, which bound
// how long one login may serve.
var TokenLifetimes = map[Service]time.Duration{
	Cryptr:   time.Hour,
	Cyrisma:  10 * time.Minute,
	Synerise: time.Hour,
}

// Walks is how many provider processes Terraform configures in a phase,
// each with its own tokens (a token lives in the memory of one provider
// process): a plan runs one walk; apply and destroy run a plan walk then an
// apply walk, each in a fresh provider process.
func Walks(p Phase) int {
	if p == PhasePlan {
		return 1
	}
	return 2
}

// readRoutes is the route that the Read of each resource type calls.
var readRoutes = struct{ org, webhook, instance, user, allowlist string }{
	org:       "GET /api/v2/organizations/{domain}",
	webhook:   "GET /api/v2/webhooks/{id}",
	instance:  "GET /app/partner/instances/info/{instance_id}",
	user:      "GET /app/partner/users/info/{user_ref}",
	allowlist: "GET /uauth/settings/user-bp-ip-policy",
}

// ExpectedPlanReads returns the requests of a refresh at exactly one read
// per resource, per route.
func ExpectedPlanReads(w Workload, n int) map[string]int {
	switch w {
	case WorkloadCryptrOrgs:
		return map[string]int{readRoutes.org: n}
	case WorkloadMixed:
		m := MixFor(n)
		return map[string]int{
			readRoutes.org: m.CryptrOrgs, readRoutes.webhook: m.CryptrWebhooks,
			readRoutes.instance: m.CyrismaInstances, readRoutes.user: m.CyrismaUsers,
			readRoutes.allowlist: m.SyneriseAllowlists,
		}
	}
	return map[string]int{}
}

// ReadDeviations compares the non-login requests of a plan with
// ExpectedPlanReads and describes every difference, such as
// "GET /uauth/business-profile/current ×1 extra"; nil means exactly one
// read per resource. Cyrisma's shared listings are left to
// ListingDeviation.
func ReadDeviations(w Workload, n int, req Requests) []string {
	want := ExpectedPlanReads(w, n)
	var out []string
	for _, route := range req.SortedRoutes() {
		if IsLogin(route) || IsSessionLookup(route) || IsSharedListing(route) {
			continue
		}
		got := req.Routes[route]
		switch exp := want[route]; {
		case got > exp:
			out = append(out, fmt.Sprintf("`%s` ×%d extra", route, got-exp))
		case got < exp:
			out = append(out, fmt.Sprintf("`%s` ×%d missing", route, exp-got))
		}
	}
	for _, route := range sortedKeys(want) {
		if _, seen := req.Routes[route]; !seen && want[route] > 0 {
			out = append(out, fmt.Sprintf("`%s` ×%d missing", route, want[route]))
		}
	}
	return out
}

// MaxSharedListings is the most Cyrisma shared listings (IsSharedListing)
// a refresh lasting d may send: one per cyrisma.ListingTTL started, per
// walk, and none for an estate without Cyrisma instances.
func MaxSharedListings(w Workload, n int, p Phase, d time.Duration) int {
	if ExpectedPlanReads(w, n)[readRoutes.instance] == 0 {
		return 0
	}
	return Walks(p) * (1 + int(d/cyrisma.ListingTTL))
}

// ListingDeviation describes Cyrisma shared listings beyond
// MaxSharedListings ("" if none).
func ListingDeviation(w Workload, n int, p Phase, d time.Duration, req Requests) string {
	if most := MaxSharedListings(w, n, p, d); req.Listings > most {
		return fmt.Sprintf("%d Cyrisma shared listings, want at most %d (one per %s per walk)", req.Listings, most, cyrisma.ListingTTL)
	}
	return ""
}

// Status is a target's verdict.
type Status string

// The verdicts.
const (
	Met         Status = "met"
	Missed      Status = "MISSED"
	NotAssessed Status = "not assessed"
)

// Verdict is the outcome of one target.
type Verdict struct {
	// Target is the target's wording.
	Target string
	// Status is met, missed or not assessed.
	Status Status
	// Detail gives the figures behind the verdict (Markdown).
	Detail string
}

// Result returns the result of workload w at size n.
func (r *Report) Result(n int, w Workload) (Result, bool) {
	for _, res := range r.Results {
		if res.N == n && res.Workload == w {
			return res, true
		}
	}
	return Result{}, false
}

// PlanRatio returns the wall time of w's plan over the floor's at size n.
func (r *Report) PlanRatio(n int, w Workload) (float64, bool) {
	res, ok1 := r.Result(n, w)
	floor, ok2 := r.Result(n, WorkloadFloor)
	if !ok1 || !ok2 {
		return 0, false
	}
	return ratio(res.Stats(PhasePlan).Seconds, floor.Stats(PhasePlan).Seconds), true
}

// providerWorkloads are the workloads the targets judge.
var providerWorkloads = []Workload{WorkloadCryptrOrgs, WorkloadMixed}

// Verdicts judges every target of the issue against the report.
func (r *Report) Verdicts() []Verdict {
	return []Verdict{r.planRatioVerdict(), r.oneReadVerdict(), r.loginsVerdict(), r.linearVerdict()}
}

func (r *Report) planRatioVerdict() Verdict {
	v := Verdict{Target: TargetPlanRatio}
	if !slices.Contains(r.Sizes, targetPlanN) {
		v.Status = NotAssessed
		var parts []string
		for _, n := range r.Sizes {
			for _, w := range providerWorkloads {
				if x, ok := r.PlanRatio(n, w); ok {
					parts = append(parts, fmt.Sprintf("%s at N=%d: %.2fx", w.Label(), n, x))
				}
			}
		}
		v.Detail = fmt.Sprintf("N=%d was not run; %s.", targetPlanN, strings.Join(parts, ", "))
		return v
	}
	v.Status = Met
	floor, _ := r.Result(targetPlanN, WorkloadFloor)
	var parts []string
	for _, w := range providerWorkloads {
		x, ok := r.PlanRatio(targetPlanN, w)
		if !ok {
			continue
		}
		res, _ := r.Result(targetPlanN, w)
		parts = append(parts, fmt.Sprintf("%s %.2f s = **%.2fx** (in CPU time %.2fx)", w.Label(), res.Stats(PhasePlan).Seconds, x,
			ratio(res.Stats(PhasePlan).CPU, floor.Stats(PhasePlan).CPU)))
		if x > targetPlanMaxRate {
			v.Status = Missed
		}
	}
	v.Detail = fmt.Sprintf("floor plan %.2f s; %s (target ≤ %.1fx).", floor.Stats(PhasePlan).Seconds, strings.Join(parts, "; "), targetPlanMaxRate)
	return v
}

func (r *Report) oneReadVerdict() Verdict {
	v := Verdict{Target: TargetOneRead, Status: Met}
	var parts []string
	for _, w := range providerWorkloads {
		for _, n := range r.Sizes {
			res, ok := r.Result(n, w)
			if !ok {
				continue
			}
			s := res.Stats(PhasePlan)
			run, _ := res.MedianRun(PhasePlan)
			dev := ReadDeviations(w, n, run.Requests)
			line := fmt.Sprintf("%s N=%d: %d reads for %d resources (%.3f per resource)", w.Label(), n, s.Reads, s.Resources, s.ReadsPerResource())
			if s.API != s.Reads {
				line += fmt.Sprintf(", and %d non-GET requests", s.API-s.Reads)
			}
			if run.Requests.Session > 0 {
				line += fmt.Sprintf(", plus %d per-process session look-up(s) (Synerise's current workspace, cached by the client like a token)", run.Requests.Session)
			}
			if l := run.Requests.Listings; l > 0 {
				line += fmt.Sprintf(", the reads including %d Cyrisma structure listing(s) shared by the %d instance reads (%.3f requests per instance; the API reports no status, a suspended instance is one the listing leaves out)",
					l, run.Requests.Routes[readRoutes.instance], ratio(float64(run.Requests.Routes[readRoutes.instance]+l), float64(run.Requests.Routes[readRoutes.instance])))
			}
			if d := ListingDeviation(w, n, PhasePlan, run.Duration, run.Requests); d != "" {
				dev = append(dev, d)
			}
			if len(dev) > 0 {
				v.Status = Missed
				line += ": " + strings.Join(dev, ", ")
			}
			parts = append(parts, line)
		}
	}
	v.Detail = strings.Join(parts, "; ") + "."
	return v
}

func (r *Report) loginsVerdict() Verdict {
	v := Verdict{Target: TargetLogins, Status: Met}
	most := map[Phase]map[Service]int{}
	for _, p := range Phases {
		most[p] = map[Service]int{}
	}
	var over []string
	for _, res := range r.Results {
		if !res.Workload.UsesProvider() {
			continue
		}
		for _, p := range Phases {
			s := res.Stats(p)
			for _, svc := range Services {
				most[p][svc] = max(most[p][svc], s.Logins[svc])
				allowed := Walks(p) * max(1, int(math.Ceil(s.Seconds/TokenLifetimes[svc].Seconds())))
				if s.Logins[svc] > allowed {
					v.Status = Missed
					over = append(over, fmt.Sprintf("%s N=%d %s: %d %s logins", res.Workload.Label(), res.N, p, s.Logins[svc], svc))
				}
			}
		}
	}
	var parts []string
	for _, p := range Phases {
		parts = append(parts, fmt.Sprintf("%s %s (at most %d walk%s)", p, loginTriple(most[p]), Walks(p), plural(Walks(p))))
	}
	v.Detail = "Most logins seen per phase, Cryptr/Cyrisma/Synerise, at every N: " + strings.Join(parts, ", ") +
		". Terraform runs the plan walk and the apply walk of an apply or destroy in two provider processes, and a token lives in one process's memory, so each walk is one token lifetime; every phase is far shorter than the shortest token lifetime (Cyrisma, 10 min)."
	if len(over) > 0 {
		v.Detail += " Over the bound: " + strings.Join(over, "; ") + "."
	}
	return v
}

// LinearityRow is the cost per resource of one workload's phase across N.
type LinearityRow struct {
	// Workload and Phase identify the row.
	Workload Workload
	// Phase is the timed command.
	Phase Phase
	// Sizes are the values of N, ascending.
	Sizes []int
	// MsPerResource is the wall time per resource at each size.
	MsPerResource []float64
	// CPUMsPerResource is the CPU time (terraform and providers) per
	// resource at each size, in ms.
	CPUMsPerResource []float64
	// CPUMarginal is the extra CPU time per extra resource between
	// consecutive sizes, in ms (len(Sizes)-1 values).
	CPUMarginal []float64
	// ProviderCPUMsPerResource is the provider processes' CPU time per
	// resource at each size, in ms.
	ProviderCPUMsPerResource []float64
	// ProviderCPUMarginal is the extra provider CPU time per extra
	// resource between consecutive sizes, in ms.
	ProviderCPUMarginal []float64
	// TerraformCPUMsPerResource is terraform's own CPU time per resource
	// at each size, in ms.
	TerraformCPUMsPerResource []float64
	// RequestsPerResource is the non-login requests per resource at each
	// size.
	RequestsPerResource []float64
}

// PerResourceRatio is the wall time per resource at the largest N over
// that at the smallest (below 1 when fixed costs are amortized).
func (l LinearityRow) PerResourceRatio() float64 { return lastOverFirst(l.MsPerResource) }

// CPUPerResourceRatio is PerResourceRatio for the CPU time.
func (l LinearityRow) CPUPerResourceRatio() float64 { return lastOverFirst(l.CPUMsPerResource) }

// CPUMarginalRatio is the marginal CPU cost of the last interval over that
// of the first (0 with fewer than three sizes): 1 when the cost is linear,
// whatever the fixed costs.
func (l LinearityRow) CPUMarginalRatio() float64 {
	if len(l.CPUMarginal) < 2 {
		return 0
	}
	return lastOverFirst(l.CPUMarginal)
}

// ProviderCPUMarginalRatio is CPUMarginalRatio for the provider processes.
func (l LinearityRow) ProviderCPUMarginalRatio() float64 {
	if len(l.ProviderCPUMarginal) < 2 {
		return 0
	}
	return lastOverFirst(l.ProviderCPUMarginal)
}

func lastOverFirst(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	return ratio(xs[len(xs)-1], xs[0])
}

// Linearity returns one row per workload and phase.
func (r *Report) Linearity() []LinearityRow {
	sizes := slices.Compact(slices.Sorted(slices.Values(r.Sizes)))
	var rows []LinearityRow
	for _, w := range Workloads {
		for _, p := range Phases {
			row := LinearityRow{Workload: w, Phase: p}
			var stats []PhaseStats
			for _, n := range sizes {
				res, ok := r.Result(n, w)
				if !ok {
					continue
				}
				s := res.Stats(p)
				stats = append(stats, s)
				row.Sizes = append(row.Sizes, n)
				row.MsPerResource = append(row.MsPerResource, s.MsPerResource())
				row.CPUMsPerResource = append(row.CPUMsPerResource, ratio(s.CPU*1000, float64(s.Resources)))
				row.ProviderCPUMsPerResource = append(row.ProviderCPUMsPerResource, ratio(s.ProviderCPU*1000, float64(s.Resources)))
				row.TerraformCPUMsPerResource = append(row.TerraformCPUMsPerResource, ratio(s.TerraformCPU*1000, float64(s.Resources)))
				row.RequestsPerResource = append(row.RequestsPerResource, s.APIPerResource())
			}
			for i := 1; i < len(stats); i++ {
				dn := float64(stats[i].Resources - stats[i-1].Resources)
				row.CPUMarginal = append(row.CPUMarginal, ratio((stats[i].CPU-stats[i-1].CPU)*1000, dn))
				row.ProviderCPUMarginal = append(row.ProviderCPUMarginal, ratio((stats[i].ProviderCPU-stats[i-1].ProviderCPU)*1000, dn))
			}
			if len(row.Sizes) > 0 {
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// linearVerdict judges linearity on CPU time, which competing work on a
// shared machine barely changes, unlike wall time: the marginal CPU cost
// per resource must stay within LinearTolerance across N, and the requests
// per resource constant.
func (r *Report) linearVerdict() Verdict {
	v := Verdict{Target: TargetLinear}
	sizes := slices.Compact(slices.Sorted(slices.Values(r.Sizes)))
	if len(sizes) < 3 {
		v.Status = NotAssessed
		v.Detail = "needs at least three values of N (such as -n 100,500,1000)."
		return v
	}
	floorRatio := map[Phase]float64{}
	rows := r.Linearity()
	for _, row := range rows {
		if row.Workload == WorkloadFloor {
			floorRatio[row.Phase] = row.CPUMarginalRatio()
		}
	}
	v.Status = Met
	var parts, bad []string
	requestsConstant := true
	for _, row := range rows {
		if !row.Workload.UsesProvider() || len(row.CPUMarginal) < 2 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s %.2f (provider %.2f)", row.Workload.Label(), row.Phase, row.CPUMarginalRatio(), row.ProviderCPUMarginalRatio()))
		if row.CPUMarginalRatio() > LinearTolerance {
			v.Status = Missed
			who := "the provider processes' marginal CPU cost grows too"
			if row.ProviderCPUMarginalRatio() <= LinearTolerance {
				who = fmt.Sprintf("the provider's own marginal CPU cost stays flat (%.2f), so the growth is terraform's", row.ProviderCPUMarginalRatio())
			}
			bad = append(bad, fmt.Sprintf("%s %s: marginal CPU %.1f → %.1f ms/resource; %s (the floor's %s: %.2f)",
				row.Workload.Label(), row.Phase, row.CPUMarginal[0], row.CPUMarginal[len(row.CPUMarginal)-1], who, row.Phase, floorRatio[row.Phase]))
		}
		lo, hi := slices.Min(row.RequestsPerResource), slices.Max(row.RequestsPerResource)
		if lo > 0 && (hi-lo)/lo > requestTolerance {
			v.Status = Missed
			requestsConstant = false
			bad = append(bad, fmt.Sprintf("%s %s: requests per resource vary from %.3f to %.3f", row.Workload.Label(), row.Phase, lo, hi))
		}
	}
	v.Detail = fmt.Sprintf("judged on CPU time (terraform + provider), which competing work barely changes: marginal CPU cost per resource, last interval of N over the first (≤ %.2f is linear): %s. ",
		LinearTolerance, strings.Join(parts, ", "))
	if requestsConstant {
		v.Detail += "Requests per resource are constant across N. "
	}
	v.Detail += fmt.Sprintf("For reference, the floor's ratios: apply %.2f, plan %.2f, destroy %.2f.", floorRatio[PhaseApply], floorRatio[PhasePlan], floorRatio[PhaseDestroy])
	if len(bad) > 0 {
		v.Detail += " Not linear: " + strings.Join(bad, "; ") + "."
	}
	return v
}

func loginTriple(m map[Service]int) string {
	return fmt.Sprintf("%d/%d/%d", m[Cryptr], m[Cyrisma], m[Synerise])
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
