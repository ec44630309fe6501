package httpclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// newHangingServer starts a server that never answers (until the test
// ends), counting the requests in calls.
func newHangingServer(t *testing.T, calls *atomic.Int32) *httptest.Server {
	t.Helper()
	done := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		select {
		case <-r.Context().Done():
		case <-done:
		}
	})
	t.Cleanup(func() { close(done) }) // runs before srv.Close
	return srv
}

// loadSlack is added to the time bounds of these tests: the machine that
// runs them may be busy (race detector, parallel packages), and the bounds
// they check are far below what the same calls take without a budget.
const loadSlack = 2 * time.Second

// budgetClient is a client for srv with a short timeout and budget and
// plenty of retries, so that the budget is what ends a call.
func budgetClient(t *testing.T, url string, timeout, budget time.Duration) *Client {
	t.Helper()
	return New(Config{Service: "Test", BaseURL: url, Timeout: timeout, MaxRetries: 100, MaxRetryDuration: budget}, decodeTestError)
}

func TestBudgetArithmetic(t *testing.T) {
	t.Parallel()
	b := newBudget(time.Second)
	now := b.started
	if b.left(now) != time.Second || b.spent(now) || !b.fits(now, 999*time.Millisecond) || b.fits(now, time.Second) {
		t.Fatalf("fresh budget: left %v spent %v", b.left(now), b.spent(now))
	}
	later := now.Add(2 * time.Second)
	if b.left(later) != 0 || !b.spent(later) || b.fits(later, 0) {
		t.Fatalf("spent budget: left %v spent %v", b.left(later), b.spent(later))
	}
	c := New(Config{Service: "Test"}, decodeTestError)
	if c.cfg.MaxRetryDuration != DefaultMaxRetryDuration || DefaultMaxRetryDuration != 2*time.Minute {
		t.Fatalf("zero MaxRetryDuration became %v, want %v", c.cfg.MaxRetryDuration, DefaultMaxRetryDuration)
	}
	if d, ok := b.backoff(now, 100*time.Millisecond); !ok || d != 100*time.Millisecond {
		t.Fatalf("a backoff that fits is kept, got %v %v", d, ok)
	}
	if d, ok := b.backoff(now.Add(800*time.Millisecond), 500*time.Millisecond); !ok || d != 100*time.Millisecond {
		t.Fatalf("a backoff that does not fit becomes half of what is left, got %v %v", d, ok)
	}
	if _, ok := b.backoff(now.Add(990*time.Millisecond), 500*time.Millisecond); ok {
		t.Fatal("no backoff fits in 10ms")
	}
}

func TestWithBudgetIsShared(t *testing.T) {
	t.Parallel()
	c := New(Config{Service: "Test", MaxRetryDuration: time.Minute}, decodeTestError)
	ctx := c.WithBudget(context.Background())
	b := budgetFrom(ctx)
	if b == nil || b.total != time.Minute {
		t.Fatalf("WithBudget put %+v on the context", b)
	}
	type key struct{}
	derived := context.WithValue(ctx, key{}, 1)
	if c.WithBudget(derived) != derived || budgetFrom(c.WithBudget(derived)) != b {
		t.Fatal("WithBudget on a context that carries a budget must keep that budget")
	}
}

func TestDoNeverAnsweringServerFailsWithinBudget(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newHangingServer(t, &calls)
	const timeout, budget = 100 * time.Millisecond, time.Second
	started := time.Now()
	_, err := budgetClient(t, srv.URL, timeout, budget).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	took := time.Since(started)
	var spent *RetryBudgetError
	if !errors.As(err, &spent) || !errors.Is(err, ErrRetryBudgetSpent) || spent.Attempts < 2 {
		t.Fatalf("err = %T %v, want a RetryBudgetError after several attempts", err, err)
	}
	if took > timeout+budget+loadSlack {
		t.Fatalf("Do took %v, want at most timeout + budget (%v) and a little", took, timeout+budget)
	}
	if int(calls.Load()) != spent.Attempts {
		t.Fatalf("server saw %d requests, the error says %d attempts", calls.Load(), spent.Attempts)
	}
	for _, want := range []string{"Test API: GET /x", "gave up after", "max_retry_duration (1s)", "TENANT_MAX_RETRY_DURATION"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}

func TestDoFailingServerStopsAtBudgetBeforeMaxRetries(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, http.StatusServiceUnavailable, testErrorBody{Code: "down"})
	})
	started := time.Now()
	_, err := budgetClient(t, srv.URL, time.Second, 300*time.Millisecond).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	if took := time.Since(started); took > 300*time.Millisecond+loadSlack {
		t.Fatalf("Do took %v with a 300ms budget", took)
	}
	if !HasStatus(err, http.StatusServiceUnavailable) || !errors.Is(err, ErrRetryBudgetSpent) {
		t.Fatalf("err = %v, want the 503 wrapped in a RetryBudgetError", err)
	}
	if n := calls.Load(); n < 2 || n > 100 {
		t.Fatalf("server saw %d requests, want a few (the budget, not MaxRetries, ends the call)", n)
	}
}

func TestDoOnSpentSharedBudgetSendsNothing(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, http.StatusOK, map[string]any{})
	})
	c := budgetClient(t, srv.URL, time.Second, 300*time.Millisecond)
	ctx := c.WithBudget(context.Background())
	if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/first"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(350 * time.Millisecond)
	_, err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/second"})
	var spent *RetryBudgetError
	if !errors.As(err, &spent) || spent.Attempts != 0 || spent.Err != nil || calls.Load() != 1 {
		t.Fatalf("err = %v, calls %d: want a RetryBudgetError and nothing sent", err, calls.Load())
	}
	if errors.As(err, new(*UncertainError)) || !strings.Contains(err.Error(), "POST /second was not sent") {
		t.Fatalf("message %q: an unsent create is neither uncertain nor silent", err)
	}
	// A context without a budget gets a fresh one.
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/third"}); err != nil {
		t.Fatal(err)
	}
}

func TestLimiterTurnPastBudgetFailsAtOnce(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, map[string]any{}) })
	c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRequestsPerSecond: 0.1, MaxRetryDuration: 200 * time.Millisecond}, decodeTestError)
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	if !errors.Is(err, ErrRetryBudgetSpent) || time.Since(started) > loadSlack {
		t.Fatalf("err = %v after %v: a turn 10s away cannot fit a 200ms budget", err, time.Since(started))
	}
}
