package cryptr

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// receiver is a loopback webhook target answering a fixed status, which
// records the bodies it gets.
type receiver struct {
	mu     sync.Mutex
	bodies []map[string]any
	srv    *httptest.Server
}

func newReceiver(t *testing.T, status int, header map[string]string) *receiver {
	rc := &receiver{}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(raw, &body)
		rc.mu.Lock()
		if r.Method == http.MethodPost && r.Header.Get("Content-Type") == "application/json" {
			rc.bodies = append(rc.bodies, body)
		}
		rc.mu.Unlock()
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *receiver) received() []map[string]any {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]map[string]any(nil), rc.bodies...)
}

// longTokens keeps tokens valid while the fake clock moves by days.
var longTokens = Options{TokenTTL: func() time.Duration { return 72 * time.Hour }}

// events lists webhook events with an optional query.
func (e *env) events(tok, query string) []map[string]any {
	e.t.Helper()
	r := e.do("GET", "/api/v2/webhook-events"+query, "", "", tok)
	if r.status != 200 || r.body["__type__"] != "List" {
		e.t.Fatalf("list events: %d %s", r.status, r.raw)
	}
	var out []map[string]any
	for _, d := range r.body["data"].([]any) {
		out = append(out, d.(map[string]any))
	}
	return out
}

func (e *env) trigger(tok, code string) response {
	e.t.Helper()
	r := e.form("POST", "/api/v2/webhook-events/trigger-test", "event_code="+code, tok)
	if r.status != 200 {
		e.t.Fatalf("trigger %s: %d %s", code, r.status, r.raw)
	}
	return r
}

func TestTriggerTestDeliversAndSetsStates(t *testing.T) {
	clk := &fakeClock{t: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
	e := start(t, longTokens, clk)
	tok := e.token()
	ok, gone, broken := newReceiver(t, 200, nil), newReceiver(t, 410, nil), newReceiver(t, 500, nil)
	busy := newReceiver(t, 503, map[string]string{"Retry-After": "30"})
	hOK := e.createWebhook(tok, "ok", ok.srv.URL+"/hook", "dir_sync.all")
	e.createWebhook(tok, "gone", gone.srv.URL, "dir_sync.user.provision.success")
	hBroken := e.createWebhook(tok, "broken", broken.srv.URL, "all")
	e.createWebhook(tok, "busy", busy.srv.URL, "dir_sync.user.provision.success")
	e.createWebhook(tok, "remote", "https://hooks.example.com/x", "all")
	e.createWebhook(tok, "sso only", ok.srv.URL, "sso_saml.all")
	e.createWebhook(e.productionToken(), "other env", ok.srv.URL, "all")

	r := e.trigger(tok, "dir_sync.user.provision.success")
	if trig, untrig := r.body["triggered_webhooks"].([]any), r.body["untriggered_webhooks"].([]any); r.body["__type__"] != "WebhookEventTest" || len(trig) != 5 || len(untrig) != 1 {
		t.Fatalf("trigger answer: %s", r.raw)
	}
	preview, _ := r.body["preview"].(map[string]any)
	if preview["__type__"] != "Event" || preview["code"] != "dir_sync.user.provision.success" || preview["__environment__"] != "sandbox" || preview["__domain__"] != accountDomain {
		t.Errorf("preview = %v", preview)
	}

	byWebhook := map[string]map[string]any{}
	for _, ev := range e.events(tok, "") {
		byWebhook[ev["args"].(map[string]any)["webhook_id"].(string)] = ev
	}
	if len(byWebhook) != 5 {
		t.Fatalf("events = %v", byWebhook)
	}
	got := byWebhook[hOK["id"].(string)]
	if got["state"] != "completed" || got["completed_at"] == nil || got["attempt"] != float64(1) || got["max_attempts"] != float64(5) ||
		got["__type__"] != "WebhookEvent" || got["inserted_at"] != "2024-05-01T12:00:00.000000Z" {
		t.Errorf("completed event = %v", got)
	}
	if got := byWebhook[hBroken["id"].(string)]; got["state"] != "retryable" || got["scheduled_at"] != "2024-05-01T12:05:00.000000Z" {
		t.Errorf("retryable event = %v", got)
	}
	if n := len(ok.received()); n != 1 {
		t.Fatalf("the 200 receiver got %d deliveries", n)
	}
	if body := ok.received()[0]; body["code"] != "dir_sync.user.provision.success" || body["webhook_id"] != hOK["id"] || body["__type__"] != "Event" {
		t.Errorf("delivered body = %v", body)
	}
	countStates(t, byWebhook, map[string]int{"1/completed": 1, "1/cancelled": 1, "1/retryable": 2, "0/available": 1})

	// Filters: state and event code, each repeatable.
	if n := len(e.events(tok, "?q[state_in][]=retryable&q[state_in][]=cancelled")); n != 3 {
		t.Errorf("state filter: %d events", n)
	}
	e.trigger(tok, "sso_saml.tokens_generated") // broken, remote, sso only
	if n := len(e.events(tok, "?q[event_code_in][]=sso_saml.tokens_generated")); n != 3 {
		t.Errorf("code filter: %d events", n)
	}
	if n := len(e.events(tok, "?q[event_code_in][]=sso_saml.tokens_generated&q[state_in][]=completed")); n != 1 {
		t.Errorf("both filters: %d events", n)
	}
	if n := len(e.events(e.productionToken(), "")); n != 0 {
		t.Errorf("production sees %d sandbox events", n)
	}
}

// countStates checks how many events are in each attempt/state.
func countStates(t *testing.T, events map[string]map[string]any, want map[string]int) {
	t.Helper()
	got := map[string]int{}
	for _, ev := range events {
		got[fmt.Sprint(ev["attempt"], "/", ev["state"])]++
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("states = %v, want %v", got, want)
	}
}

func TestWebhookEventRetriesUntilDiscarded(t *testing.T) {
	clk := &fakeClock{t: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
	e := start(t, longTokens, clk)
	tok := e.token()
	broken := newReceiver(t, 500, nil)
	e.createWebhook(tok, "broken", broken.srv.URL, "dir_sync.activate.success")
	e.trigger(tok, "dir_sync.activate.success")
	for _, wait := range []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute, time.Hour} {
		clk.Advance(wait - time.Second)
		if ev := e.events(tok, "")[0]; ev["state"] != "retryable" {
			t.Fatalf("before the next retry: %v", ev)
		}
		clk.Advance(time.Second)
		e.events(tok, "") // runs the due attempt
	}
	ev := e.events(tok, "")[0]
	if ev["state"] != "discarded" || ev["attempt"] != float64(5) || ev["discarded_at"] == nil || len(broken.received()) != 5 {
		t.Fatalf("after 5 attempts: %v (%d deliveries)", ev, len(broken.received()))
	}

	// retry: available at once (the answer), attempted at the next run.
	id := fmt.Sprint(int(ev["id"].(float64)))
	r := e.form("POST", "/api/v2/webhook-events/"+id+"/retry", "", tok)
	if r.status != 200 || r.body["state"] != "available" || r.body["max_attempts"] != float64(6) {
		t.Fatalf("retry: %d %s", r.status, r.raw)
	}
	if ev := e.events(tok, "")[0]; ev["state"] != "discarded" || ev["attempt"] != float64(6) {
		t.Errorf("after retry: %v", ev)
	}
	r = e.form("POST", "/api/v2/webhook-events/"+id+"/cancel", "", tok)
	if r.status != 200 || r.body["state"] != "cancelled" || r.body["cancelled_at"] == nil || r.body["discarded_at"] == nil {
		t.Fatalf("cancel: %d %s", r.status, r.raw)
	}
	for _, path := range []string{"/api/v2/webhook-events/999/retry", "/api/v2/webhook-events/x/cancel", "/api/v2/webhook-events/" + id + "/cancel"} {
		tk := tok
		if path == "/api/v2/webhook-events/"+id+"/cancel" {
			tk = e.productionToken()
		}
		if r := e.form("POST", path, "", tk); r.status != 404 || errType(r) != "not_found" {
			t.Errorf("%s: %d %s", path, r.status, r.raw)
		}
	}

	// Final events are purged 24 hours after insertion.
	clk.Advance(24 * time.Hour)
	if n := len(e.events(tok, "")); n != 0 {
		t.Errorf("%d events left after 24 h", n)
	}
}

func TestWebhookEventRetryAfterAndDeletedWebhook(t *testing.T) {
	clk := &fakeClock{t: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
	e := start(t, longTokens, clk)
	tok := e.token()
	busy := newReceiver(t, 503, map[string]string{"Retry-After": "30"})
	h := e.createWebhook(tok, "busy", busy.srv.URL, "all")
	e.trigger(tok, "dir_sync.group.users_added.success")
	ev := e.events(tok, "")[0]
	if ev["state"] != "retryable" || ev["scheduled_at"] != "2024-05-01T12:00:30.000000Z" {
		t.Fatalf("503 + Retry-After: %v", ev)
	}
	changes := ev["args"].(map[string]any)["data"].(map[string]any)["resource"].(map[string]any)["changes"].(map[string]any)
	if len(changes["added_users"].([]any)) != 1 {
		t.Errorf("group event changes = %v", changes)
	}
	e.do("DELETE", "/api/v2/webhooks/"+h["id"].(string), "", "", tok)
	clk.Advance(30 * time.Second)
	if ev := e.events(tok, "")[0]; ev["state"] != "discarded" || len(busy.received()) != 1 {
		t.Errorf("event of a deleted webhook: %v", ev)
	}
}

func TestTriggerTestValidation(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	for body, msg := range map[string]string{"": "can't be blank", "event_code=all": `"all" is not a known event code`, "event_code=nope": `"nope" is not a known event code`} {
		r := e.form("POST", "/api/v2/webhook-events/trigger-test", body, tok)
		if got := details(r, "event_code"); r.status != 422 || len(got) != 1 || got[0] != msg {
			t.Errorf("%q: %d %s", body, r.status, r.raw)
		}
	}
	r := e.trigger(tok, "dir_sync.user.update.success")
	if r.body["preview"] != nil || len(r.body["triggered_webhooks"].([]any)) != 0 {
		t.Errorf("no webhook: %s", r.raw)
	}
}
