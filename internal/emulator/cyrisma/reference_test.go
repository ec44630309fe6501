package cyrisma

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// referenceInstanceFields are the fields of the reference's instance schema
// (SubordinateInstanceInfoWithTree), and nothing else.
var referenceInstanceFields = []string{
	"agent_key", "hierarchy", "instance_id", "instance_type", "is_consulting", "mfa", "name",
	"number_of_endpoints", "parent_id", "short_name", "tenant_id", "url",
}

// rawInstances answers GET path as decoded JSON objects.
func (h *harness) rawInstances(tok, path string) []map[string]any {
	h.t.Helper()
	status, b := h.do("GET", path, tok, nil)
	if status != http.StatusOK {
		h.t.Fatalf("GET %s: %d %s", path, status, b)
	}
	var out []map[string]any
	decode(h.t, b, &out)
	return out
}

// TestInstanceAnswersAreReferenceExact: by default, instances carry exactly
// the reference's fields, active or suspended, listed or read by id;
// Options.ReportEnabled adds "enabled" and nothing else.
func TestInstanceAnswersAreReferenceExact(t *testing.T) {
	for _, report := range []bool{false, true} {
		h := newHarness(t, Options{ReportEnabled: report})
		tok := h.token()
		active, suspended := h.create(tok, nil), h.create(tok, map[string]string{"short_name": "Gone"})
		if status, b := h.do("PATCH", "/partner/instances/suspend", tok, url.Values{"instance_id": {suspended}}); status != 200 {
			t.Fatalf("suspend: %d %s", status, b)
		}
		check := func(what string, items []map[string]any, wantEnabled float64) {
			t.Helper()
			for _, item := range items {
				want := slices.Clone(referenceInstanceFields)
				if report {
					want = append(want, "enabled")
					if item["enabled"] != wantEnabled {
						t.Errorf("ReportEnabled %s: enabled = %v, want %v", what, item["enabled"], wantEnabled)
					}
				}
				slices.Sort(want)
				if got := slices.Sorted(maps.Keys(item)); !slices.Equal(got, want) {
					t.Errorf("ReportEnabled=%v %s: fields %s, want %s", report, what, strings.Join(got, ","), strings.Join(want, ","))
				}
			}
		}
		list := h.rawInstances(tok, "/partner/instances/info")
		if len(list) != 2 { // the root and the active instance
			t.Fatalf("list: %v", list)
		}
		check("list", list, 1)
		check("active by id", h.rawInstances(tok, "/partner/instances/info/"+active), 1)
		check("active by query", h.rawInstances(tok, "/partner/instances/info?instance_id="+active), 1)
		gone := h.rawInstances(tok, "/partner/instances/info/"+suspended)
		if len(gone) != 1 {
			t.Fatalf("suspended by id: %v", gone)
		}
		check("suspended by id", gone, 0)
	}
}

// TestReactivateRoutes: each ReactivateRoute serves its path or paths; the
// other answers the ServeMux's 404 (/reactivate) or 405 (/info, where GET
// is served).
func TestReactivateRoutes(t *testing.T) {
	const info, reactivate = "/partner/instances/info", "/partner/instances/reactivate"
	for _, tc := range []struct {
		route      ReactivateRoute
		info, spec int
	}{
		{"", 200, 404},
		{ReactivateAtInfo, 200, 404},
		{ReactivateAtReactivate, 405, 200},
		{ReactivateAtBoth, 200, 200},
	} {
		h := newHarness(t, Options{Reactivate: tc.route})
		tok := h.token()
		id := h.create(tok, nil)
		for path, want := range map[string]int{info: tc.info, reactivate: tc.spec} {
			if status, b := h.do("PATCH", path, tok, url.Values{"instance_id": {id}}); status != want {
				t.Errorf("Reactivate %q: PATCH %s answered %d %s, want %d", tc.route, path, status, b, want)
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("New accepted an unknown ReactivateRoute")
		}
	}()
	New(Options{Reactivate: "elsewhere"})
}
