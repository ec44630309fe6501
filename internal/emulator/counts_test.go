package emulator_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

func TestFaultCountsInRequestsAnswer(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	c.putFaults(`{"error_rate":1}`)
	c.do("GET", "/api/v2/organizations", "", "", "")
	c.do("GET", "/app/partner/users/info", "", "", "")
	c.putFaults(`{}`)
	c.do("GET", "/api/v2/organizations", "", "", "")

	r := c.do("GET", "/_emulator/requests", "", "", "")
	var got emulator.RequestCounts
	if err := json.Unmarshal([]byte(r.raw), &got); err != nil {
		t.Fatal(err)
	}
	if got.Total != 3 || got.Faults != (emulator.FaultCounts{Error: 2}) {
		t.Fatalf("GET requests = %s", r.raw)
	}
	if !strings.Contains(r.raw, `"faults":{"rate_limited":0,"error":2,"dropped":0,"dropped_after_commit":0,`+
		`"throttled":0,"hung":0,"redirected":0,"echoed_authorization":0,"anonymous_answer":0,"oversized":0}`) {
		t.Errorf("faults object: %s", r.raw)
	}
	if direct := ts.Server.RequestCounts(); direct.Faults != got.Faults {
		t.Errorf("RequestCounts().Faults = %+v", direct.Faults)
	}
	r = c.do("DELETE", "/_emulator/requests", "", "", "")
	if !strings.Contains(r.raw, `"faults":{"rate_limited":0,"error":0,"dropped":0,"dropped_after_commit":0,`+
		`"throttled":0,"hung":0,"redirected":0,"echoed_authorization":0,"anonymous_answer":0,"oversized":0}`) {
		t.Errorf("DELETE requests: %s", r.raw)
	}
	if got := ts.Server.RequestCounts().Faults; got != (emulator.FaultCounts{}) {
		t.Errorf("after reset: %+v", got)
	}
}

func TestFaultsValidateDropAfterCommitRate(t *testing.T) {
	_, c := start(t, emulator.Options{})
	for body, status := range map[string]int{
		`{"drop_after_commit_rate":0.5}`:  200,
		`{"drop_after_commit_rate":1.01}`: 400,
		`{"drop_after_commit_rate":-1}`:   400,
	} {
		if r := c.putFaults(body); r.status != status {
			t.Errorf("PUT %s: %d %s", body, r.status, r.raw)
		}
	}
	if err := (emulator.Faults{DropAfterCommitRate: 2}).Validate(); err == nil {
		t.Error("Validate accepted 2")
	}
}
