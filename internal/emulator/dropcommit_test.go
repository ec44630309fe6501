package emulator_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// rawDo sends one request on a fresh connection and reports whether it
// got an answer (false: a transport error, as a dropped request gives).
func rawDo(t *testing.T, method, url, contentType, body, token string) (int, bool) {
	t.Helper()
	hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := hc.Do(req)
	if err != nil {
		return 0, false
	}
	res.Body.Close()
	return res.StatusCode, true
}

func TestDropAfterCommitAppliesTheWrite(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	c.putFaults(`{"drop_after_commit_rate":1}`)
	if status, answered := rawDo(t, "POST", ts.URL+"/api/v2/organizations", formCT, "name=Acme", tok); answered {
		t.Fatalf("got status %d, want a transport error", status)
	}
	if got := ts.Server.RequestCounts().Faults; got != (emulator.FaultCounts{DroppedAfterCommit: 1}) {
		t.Errorf("fault counts = %+v", got)
	}
	c.putFaults(`{}`)
	if r := c.do("GET", "/api/v2/organizations/acme", "", "", tok); r.status != 200 || r.body["name"] != "Acme" {
		t.Fatalf("the dropped create was not applied: %d %s", r.status, r.raw)
	}
	// Admin routes are never dropped.
	c.putFaults(`{"drop_after_commit_rate":1}`)
	if r := c.do("GET", "/_emulator/healthz", "", "", ""); r.status != 200 {
		t.Fatalf("admin: %d", r.status)
	}
}

func TestDropAfterCommitComesAfterTheOtherFaults(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	ts.Server.SetFaults(emulator.Faults{ErrorRate: 1, DropAfterCommitRate: 1})
	if status, _ := rawDo(t, "POST", ts.URL+"/api/v2/organizations", formCT, "name=Refused", tok); status != 503 {
		t.Fatalf("status %d, want 503", status)
	}
	ts.Server.SetFaults(emulator.Faults{RateLimitPerSecond: 1, DropAfterCommitRate: 1})
	if _, answered := rawDo(t, "POST", ts.URL+"/api/v2/organizations", formCT, "name=First", tok); answered {
		t.Fatal("first request answered, want a drop after commit")
	}
	if status, _ := rawDo(t, "POST", ts.URL+"/api/v2/organizations", formCT, "name=Limited", tok); status != 429 {
		t.Fatalf("status %d, want 429", status)
	}
	ts.Server.SetFaults(emulator.Faults{DropRate: 1, DropAfterCommitRate: 1})
	if _, answered := rawDo(t, "POST", ts.URL+"/api/v2/organizations", formCT, "name=Dropped", tok); answered {
		t.Fatal("answered, want a drop")
	}
	ts.Server.SetFaults(emulator.Faults{})
	var names []string
	for _, o := range ts.Server.State().Cryptr.Organizations {
		names = append(names, o.Name)
	}
	if strings.Join(names, ",") != "First" {
		t.Errorf("organizations = %v, want only First", names)
	}
	want := emulator.FaultCounts{RateLimited: 1, Error: 1, Dropped: 1, DroppedAfterCommit: 1}
	if got := ts.Server.RequestCounts().Faults; got != want {
		t.Errorf("fault counts = %+v, want %+v", got, want)
	}
}

func TestDropAfterCommitWithoutHijacking(t *testing.T) {
	s := emulator.New(emulator.Options{Faults: emulator.Faults{DropAfterCommitRate: 1}})
	rec := httptest.NewRecorder() // not an http.Hijacker
	req := httptest.NewRequest("POST", "/app/partner/login", strings.NewReader("grant_type=password"))
	defer func() {
		if err, _ := recover().(error); !errors.Is(err, http.ErrAbortHandler) {
			t.Fatalf("recovered %v, want http.ErrAbortHandler", err)
		}
		if rec.Body.Len() != 0 || rec.Code != 200 || len(rec.Header()) != 0 {
			t.Errorf("something was answered: %d %v %q", rec.Code, rec.Header(), rec.Body)
		}
		if got := s.RequestCounts(); got.Faults.DroppedAfterCommit != 1 || got.Routes["POST /app/partner/login"] != 1 {
			t.Errorf("counts = %+v", got)
		}
	}()
	s.Handler().ServeHTTP(rec, req)
}

func TestRateLimitPerService(t *testing.T) {
	ts, c := start(t, emulator.Options{Faults: emulator.Faults{RateLimitPerSecond: 1}})
	paths := map[string]string{
		"cryptr":        "/api/v2/organizations",
		"cryptr oauth":  "/oauth/token",
		"cyrisma":       "/app/partner/instances/info",
		"synerise":      "/uauth/business-profile",
		"synerise v4":   "/v4/auth/refresh/profile",
		"other":         "/no/such/route",
		"other again":   "/another/unknown",
		"cyrisma again": "/app/partner/users/info",
	}
	first := []string{"cryptr", "cyrisma", "synerise", "other"}
	for _, name := range first {
		if r := c.do("GET", paths[name], "", "", ""); r.status == 429 {
			t.Fatalf("%s: first request of its service limited", name)
		}
	}
	for _, name := range []string{"cryptr oauth", "synerise v4", "other again", "cyrisma again"} {
		r := c.do("GET", paths[name], "", "", "")
		if r.status != 429 || r.header.Get("Retry-After") != "1" || r.body["error"] != "rate_limited" {
			t.Fatalf("%s: second request of its service: %d %s", name, r.status, r.raw)
		}
	}
	if got := ts.Server.RequestCounts().Faults; got != (emulator.FaultCounts{RateLimited: 4}) {
		t.Errorf("fault counts = %+v", got)
	}
}
