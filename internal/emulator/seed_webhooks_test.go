package emulator_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// TestSeedWebhookEventStates: every state and attempt count a live
// emulator can hold loads as it is, except "executing", which a dump holds
// only if taken mid-delivery: that attempt is taken as failed, so the
// event is retried (or discarded after its last attempt) instead of
// staying stuck. Counts no live emulator holds are refused.
func TestSeedWebhookEventStates(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	t.Cleanup(target.Close)
	ts, c := start(t, emulator.Options{})
	const hook = "webhook_loopback"
	if err := ts.Server.LoadSeed([]byte(`{"cryptr": {"webhooks": [{"id": "` + hook + `", "name": "loop",
		"target_url": "` + target.URL + `", "event_codes": ["all"]}]}}`)); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, fields string
		want         string // state once loaded, or the error
		delivered    bool   // the next event list delivers it
	}{
		{"available by default", ``, "available", true},
		{"available after a retry", `"state": "available", "attempt": 5, "max_attempts": 6`, "available", true},
		{"retryable", `"state": "retryable", "attempt": 2`, "retryable", true},
		{"completed", `"state": "completed", "attempt": 5`, "completed", false},
		{"cancelled before any attempt", `"state": "cancelled"`, "cancelled", false},
		{"discarded", `"state": "discarded", "attempt": 5`, "discarded", false},
		{"executing", `"state": "executing", "attempt": 1`, "retryable", true},
		{"executing its last attempt", `"state": "executing", "attempt": 5`, "discarded", false},
		{"executing with max_attempts raised", `"state": "executing", "attempt": 5, "max_attempts": 6`, "retryable", true},

		{"unknown state", `"state": "running"`, "state: must be one of [available executing retryable completed cancelled discarded]", false},
		{"negative attempt", `"attempt": -1`, "attempt: must be at least 0, and max_attempts at least 1", false},
		{"no attempts allowed", `"max_attempts": 0`, "attempt: must be at least 0, and max_attempts at least 1", false},
		{"attempt over max_attempts", `"state": "completed", "attempt": 6`, "attempt: must be at most max_attempts (5)", false},
		{"executing over max_attempts", `"state": "executing", "attempt": 3, "max_attempts": 2`, "attempt: must be at most max_attempts (2)", false},
		{"available without attempts left", `"state": "available", "attempt": 5`,
			"attempt: must be below max_attempts (5) in state available: no attempt would be left", false},
		{"retryable without attempts left", `"state": "retryable", "attempt": 3, "max_attempts": 3`,
			"attempt: must be below max_attempts (3) in state retryable: no attempt would be left", false},
	}
	loaded := map[int64]int{} // event id → case
	for i, tc := range cases {
		id := int64(100 + i)
		fields := fmt.Sprintf(`"id": %d, "webhook_id": %q, "event_code": "dir_sync.activate.success"`, id, hook)
		if tc.fields != "" {
			fields += ", " + tc.fields
		}
		err := ts.Server.LoadSeed([]byte(`{"cryptr": {"webhook_events": [{` + fields + `}]}}`))
		ok := !strings.Contains(tc.want, ":")
		switch {
		case ok && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !ok && err == nil:
			t.Errorf("%s: want an error", tc.name)
		case !ok && !strings.HasPrefix(err.Error(), "seed: cryptr.webhook_events[0]: "+tc.want):
			t.Errorf("%s: error:\n%v\nwant:\nseed: cryptr.webhook_events[0]: %s", tc.name, err, tc.want)
		case ok:
			loaded[id] = i
		}
	}
	check := func(when string, want func(tc int) string) {
		t.Helper()
		got := map[int64]string{}
		for _, e := range ts.Server.State().Cryptr.WebhookEvents {
			got[e.ID] = e.State
		}
		for id, i := range loaded {
			if got[id] != want(i) {
				t.Errorf("%s, %s: state %q, want %q", cases[i].name, when, got[id], want(i))
			}
		}
	}
	check("once loaded", func(i int) string { return cases[i].want })
	// Listing the events runs the due deliveries: none stays stuck.
	must(t, "events", c.do("GET", "/api/v2/webhook-events", "", "", c.cryptrToken(ts.Env())), 200)
	check("after delivery", func(i int) string {
		if cases[i].delivered {
			return "completed"
		}
		return cases[i].want
	})
	// What delivery leaves is still a seed.
	ts2, _ := start(t, emulator.Options{})
	if err := ts2.Server.Seed(ts.Server.State()); err != nil {
		t.Errorf("the state after delivery is not a seed: %v", err)
	}
}
