package emulator_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

const formCT = "application/x-www-form-urlencoded"

func TestErrorRateLeavesStateUntouched(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	ts.Server.SetFaults(emulator.Faults{ErrorRate: 1})
	for i := 0; i < 3; i++ {
		r := c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok)
		if r.status != 503 || r.body["error"] != "service_unavailable" || r.body["message"] != "injected fault" {
			t.Fatalf("want 503: %d %s", r.status, r.raw)
		}
	}
	// Admin routes are never faulted.
	if r := c.do("GET", "/_emulator/healthz", "", "", ""); r.status != 200 {
		t.Fatalf("admin faulted: %d", r.status)
	}
	if got := ts.Server.RequestCounts().Routes["POST /api/v2/organizations"]; got != 3 {
		t.Errorf("faulted requests counted %d, want 3", got)
	}
	c.putFaults(`{}`)
	r := c.do("GET", "/api/v2/organizations", "", "", tok)
	if r.status != 200 || r.body["total"] != float64(0) {
		t.Fatalf("state touched: %d %s", r.status, r.raw)
	}
	if r := c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok); r.status != 201 {
		t.Fatalf("create after faults off: %d %s", r.status, r.raw)
	}
}

func TestRateLimit(t *testing.T) {
	_, c := start(t, emulator.Options{Faults: emulator.Faults{RateLimitPerSecond: 2}})
	var statuses []int
	var limited reply
	for i := 0; i < 4; i++ {
		r := c.do("GET", "/api/v2/organizations", "", "", "")
		statuses = append(statuses, r.status)
		if r.status == 429 {
			limited = r
		}
		c.do("GET", "/_emulator/healthz", "", "", "") // not limited, not counted in the window
	}
	if got := statuses; got[0] != 401 || got[1] != 401 || got[2] != 429 || got[3] != 429 {
		t.Fatalf("statuses = %v, want [401 401 429 429]", got)
	}
	if limited.header.Get("Retry-After") != "1" || limited.body["error"] != "rate_limited" || limited.body["message"] == "" {
		t.Errorf("429 answer: %v %s", limited.header, limited.raw)
	}
	time.Sleep(1100 * time.Millisecond)
	if r := c.do("GET", "/api/v2/organizations", "", "", ""); r.status != 401 {
		t.Errorf("after window: %d", r.status)
	}
}

func TestDrop(t *testing.T) {
	ts, c := start(t, emulator.Options{Faults: emulator.Faults{DropRate: 1}})
	hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for _, m := range []string{"GET", "POST"} {
		req, _ := http.NewRequest(m, ts.URL+"/api/v2/oauth/token", strings.NewReader("a=b"))
		res, err := hc.Do(req)
		if err == nil {
			res.Body.Close()
			t.Fatalf("%s: got status %d, want a transport error", m, res.StatusCode)
		}
	}
	if r := c.do("GET", "/_emulator/healthz", "", "", ""); r.status != 200 {
		t.Fatalf("admin dropped: %d", r.status)
	}
}

func TestLatency(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	ts.Server.SetFaults(emulator.Faults{LatencyMS: 150})
	begin := time.Now()
	c.do("GET", "/api/v2/organizations", "", "", "")
	if d := time.Since(begin); d < 150*time.Millisecond {
		t.Errorf("API request took %v, want >= 150ms", d)
	}
	begin = time.Now()
	c.do("GET", "/_emulator/healthz", "", "", "")
	if d := time.Since(begin); d >= 150*time.Millisecond {
		t.Errorf("admin request delayed: %v", d)
	}
}

func TestTokenTTLOverride(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	env := ts.Env()
	ttlOf := func() float64 {
		_, p := jwtClaims(t, c.cryptrToken(env))
		return p["exp"].(float64) - p["iat"].(float64)
	}
	if got := ttlOf(); got != 3600 {
		t.Fatalf("default cryptr ttl = %v", got)
	}
	c.putFaults(`{"token_ttl_seconds":7}`)
	if got := ttlOf(); got != 7 {
		t.Fatalf("overridden cryptr ttl = %v", got)
	}
	v := url.Values{"grant_type": {"password"}, "username": {env["CYRISMA_API_KEY"]}, "password": {env["CYRISMA_API_SECRET"]}}
	r := c.do("POST", "/app/partner/login", formCT, v.Encode(), "")
	if r.status != 200 || r.body["expires_in"] != float64(7) {
		t.Fatalf("cyrisma login: %d %s", r.status, r.raw)
	}
	c.putFaults(`{}`)
	if got := ttlOf(); got != 3600 {
		t.Fatalf("ttl after reset = %v", got)
	}
}

func TestConcurrentRequests(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("GET", ts.URL+"/api/v2/organizations", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
			ts.Server.SetFaults(emulator.Faults{LatencyMS: 1})
			_ = ts.Server.Faults()
		}()
	}
	wg.Wait()
	if got := ts.Server.RequestCounts().Routes["GET /api/v2/organizations"]; got != 20 {
		t.Errorf("count = %d, want 20", got)
	}
}
