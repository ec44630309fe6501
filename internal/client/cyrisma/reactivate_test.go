package cyrisma

import (
	"cmp"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	emucyrisma "github.com/tenantops/terraform-provider-tenant/internal/emulator/cyrisma"
)

const (
	routeReactivateInfo = "PATCH /app/partner/instances/info"
	routeReactivate     = "PATCH /app/partner/instances/reactivate"
	// routeUnmatched counts the requests no emulator route served (its
	// 404s and 405s).
	routeUnmatched = "unmatched"
)

// TestReactivatePaths: against each emulator mode, reactivation works; a
// client tries /reactivate first, falls back to /info on the 404 of an API
// that serves only /info (the reference's table, the emulator's default),
// and goes straight to the path that worked afterwards.
func TestReactivatePaths(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		mode emucyrisma.ReactivateRoute
		// firstCall and laterCall are the route counts of the first and the
		// second reactivation of one client.
		firstCall, laterCall map[string]int
		remembered           string
	}{
		{"", map[string]int{routeReactivate: 0, routeUnmatched: 1, routeReactivateInfo: 1},
			map[string]int{routeReactivateInfo: 1, routeUnmatched: 0}, pathReactivateInfo},
		{emucyrisma.ReactivateAtReactivate, map[string]int{routeReactivate: 1, routeUnmatched: 0, routeReactivateInfo: 0},
			map[string]int{routeReactivate: 1, routeUnmatched: 0}, pathReactivate},
		{emucyrisma.ReactivateAtBoth, map[string]int{routeReactivate: 1, routeUnmatched: 0, routeReactivateInfo: 0},
			map[string]int{routeReactivate: 1, routeUnmatched: 0}, pathReactivate},
	} {
		t.Run("emulator serving "+cmp.Or(string(tc.mode), "default (info)"), func(t *testing.T) {
			t.Parallel()
			ts := emulator.StartTestServer(emulator.Options{CyrismaReactivate: tc.mode})
			t.Cleanup(ts.Close)
			c, _ := newClient(t, ts)
			ctx := context.Background()
			id := createReadable(t, c, ts.Server.Fixtures().CyrismaRootInstanceID, 1)[0]
			for call, want := range []map[string]int{tc.firstCall, tc.laterCall} {
				if err := c.SuspendInstance(ctx, id); err != nil {
					t.Fatal(err)
				}
				ts.Server.ResetRequestCounts()
				if err := c.ReactivateInstance(ctx, id); err != nil {
					t.Fatalf("reactivation %d: %v", call+1, err)
				}
				routes := ts.Server.RequestCounts().Routes
				for route, n := range want {
					if routes[route] != n {
						t.Errorf("reactivation %d: %d × %s, want %d (all: %v)", call+1, routes[route], route, n, routes)
					}
				}
				if inst, err := c.GetInstance(ctx, id); err != nil || inst.Suspended() {
					t.Fatalf("after reactivation %d: %+v, %v", call+1, inst, err)
				}
			}
			if got := c.ReactivatePath(); got != tc.remembered {
				t.Errorf("ReactivatePath() = %s, want %s", got, tc.remembered)
			}
		})
	}
}

// TestReactivateFallsBackFromTheRememberedPath: a client that remembered
// /info falls back to /reactivate on the 405 of an API serving only
// /reactivate, and remembers that instead.
func TestReactivateFallsBackFromTheRememberedPath(t *testing.T) {
	t.Parallel()
	ts := emulator.StartTestServer(emulator.Options{CyrismaReactivate: emucyrisma.ReactivateAtReactivate})
	t.Cleanup(ts.Close)
	c, _ := newClient(t, ts)
	info := pathReactivateInfo
	c.reactivatePath.Store(&info)
	id := createReadable(t, c, ts.Server.Fixtures().CyrismaRootInstanceID, 1)[0]
	ts.Server.ResetRequestCounts()
	if err := c.ReactivateInstance(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if routes := ts.Server.RequestCounts().Routes; routes[routeUnmatched] != 1 || routes[routeReactivate] != 1 {
		t.Errorf("routes %v, want one 405 then one PATCH /reactivate", routes)
	}
	if got := c.ReactivatePath(); got != pathReactivate {
		t.Errorf("ReactivatePath() = %s, want %s", got, pathReactivate)
	}
}

// TestReactivateNeitherPathServed: when both paths answer 404 or 405, the
// error is the first path's, naming the second, and nothing is remembered.
func TestReactivateNeitherPathServed(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /partner/login", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"access_token":"tok","expires_in":600}`))
	})
	mux.HandleFunc("GET /partner/instances/info", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`[]`)) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c := New(Config{APIURL: srv.URL, APIKey: "k", APISecret: "s"}, httpclient.Config{Timeout: 5 * time.Second})
	err := c.ReactivateInstance(context.Background(), "i-1")
	if !httpclient.HasStatus(err, http.StatusNotFound) || !strings.Contains(err.Error(), "PATCH "+pathReactivateInfo+" was tried too") || !strings.Contains(err.Error(), "405") {
		t.Fatalf("err = %v, want the 404 of /reactivate naming the 405 of /info", err)
	}
	if got := c.ReactivatePath(); got != pathReactivate {
		t.Errorf("ReactivatePath() = %s after two failures, want the default %s", got, pathReactivate)
	}
}
