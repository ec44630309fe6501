package fwkit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// limitedClient is an HTTP client of the provider's HTTP layer against a
// server that answers every request 200 {}, limited to perSecond requests
// per second, with a retry budget of budget (zero: the default).
func limitedClient(t *testing.T, perSecond float64, budget time.Duration) *httpclient.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{}`)) }))
	t.Cleanup(srv.Close)
	return httpclient.New(httpclient.Config{
		Service: "Cyrisma", BaseURL: srv.URL, MaxRequestsPerSecond: perSecond, MaxRetryDuration: budget,
	}, func(int, []byte) *httpclient.APIError { return &httpclient.APIError{} })
}

// pollNeverDone polls GET /instance through c until ctx ends: the object
// never becomes ready, as a provisioning that outlasts the timeout.
func pollNeverDone(ctx context.Context, c *httpclient.Client) error {
	return httpclient.Poll(ctx, time.Millisecond, func(ctx context.Context) (bool, error) {
		_, err := c.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/instance"})
		return false, err
	})
}

// isTimeoutGuidance reports whether msg is WaitError's timeout message.
func isTimeoutGuidance(msg string, timeout time.Duration) bool {
	return strings.Contains(msg, "did not finish within "+timeout.String()) && strings.Contains(msg, "saved in the state as tainted") &&
		strings.Contains(msg, "timeouts block")
}

// TestWaitErrorRateLimiterRefusalIsATimeout: a wait whose next poll the
// client's rate limiter refuses, because its turn would come after the
// wait's deadline, ends before that deadline with the limiter's own error
// ("rate: Wait(n=1) would exceed context deadline"); WaitError must still
// give the timeout guidance (the object is tainted, raise the timeouts
// block), not "Waiting for ... failed".
func TestWaitErrorRateLimiterRefusalIsATimeout(t *testing.T) {
	// One request every 2 s: the first poll goes at once, the second's turn
	// would come long after the wait's 300 ms.
	c := limitedClient(t, 0.5, 0)
	const timeout = 300 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	started := time.Now()
	err := pollNeverDone(ctx, c)
	took := time.Since(started)
	if err == nil || !strings.Contains(err.Error(), "would exceed context deadline") {
		t.Fatalf("the wait ended with %v, want the rate limiter's refusal", err)
	}
	if took >= timeout || ctx.Err() != nil {
		t.Fatalf("the wait ended after %s (context: %v): the limiter did not refuse early, the test does not exercise its refusal", took, ctx.Err())
	}
	if !TimedOut(err) {
		t.Errorf("TimedOut(%v) = false, want true: the limiter refused a turn past the deadline", err)
	}
	if msg := WaitError("Provisioning of instance i-1", timeout, err); !isTimeoutGuidance(msg, timeout) {
		t.Errorf("WaitError lost the timeout guidance for a limiter refusal:\n%s", msg)
	}
}

// TestWaitErrorContextDeadline: a wait whose context's deadline passes
// while it sleeps between polls (no rate limit) gives the guidance too.
func TestWaitErrorContextDeadline(t *testing.T) {
	c := limitedClient(t, 0, 0)
	const timeout = 50 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := pollNeverDone(ctx, c)
	if !TimedOut(err) {
		t.Fatalf("TimedOut(%v) = false, want true", err)
	}
	if msg := WaitError("Provisioning of organization \"acme\"", timeout, err); !isTimeoutGuidance(msg, timeout) {
		t.Errorf("WaitError(%v):\n%s", err, msg)
	}
}

// TestWaitErrorOtherFailures: a limiter refusal because the call's retry
// budget (max_retry_duration) would run out first, a cancelled apply and an
// API failure are not timeouts of the wait: WaitError says the wait failed,
// with the error, and does not claim the timeouts block would help.
func TestWaitErrorOtherFailures(t *testing.T) {
	// The budget (150 ms) ends long before the wait's deadline (1 min):
	// the limiter's refusal is the budget's.
	c := limitedClient(t, 0.5, 150*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	budgetErr := pollNeverDone(ctx, c)
	if !errors.Is(budgetErr, httpclient.ErrRetryBudgetSpent) {
		t.Fatalf("the wait ended with %v, want the retry budget's refusal", budgetErr)
	}
	canceled, stop := context.WithCancel(context.Background())
	stop()
	for name, err := range map[string]error{
		"retry budget": budgetErr,
		"cancelled":    fmt.Errorf("Cyrisma GET /instance: %w", canceled.Err()),
		"API failure":  &httpclient.APIError{Service: "Cyrisma", StatusCode: 500, Message: "boom"},
	} {
		if TimedOut(err) {
			t.Errorf("%s: TimedOut(%v) = true, want false", name, err)
		}
		msg := WaitError("Provisioning of instance i-1", time.Minute, err)
		if !strings.HasPrefix(msg, "Waiting for Provisioning of instance i-1 failed: ") || strings.Contains(msg, "timeouts block") {
			t.Errorf("%s: WaitError = %s", name, msg)
		}
	}
}

func TestFormatDurationAndTimeoutDescription(t *testing.T) {
	for d, want := range map[time.Duration]string{
		10 * time.Minute: "10m", 15 * time.Minute: "15m", 2 * time.Hour: "2h", 90 * time.Minute: "1h30m",
		45 * time.Second: "45s", 90 * time.Second: "1m30s", time.Hour + 30*time.Second: "1h0m30s", 0: "0s",
	} {
		got := FormatDuration(d)
		if got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
		if parsed, err := time.ParseDuration(got); err != nil || parsed != d {
			t.Errorf("FormatDuration(%v) = %q does not parse back: %v, %v", d, got, parsed, err)
		}
	}
	desc := TimeoutDescription("How long creation waits.", 10*time.Minute)
	if !strings.HasPrefix(desc, "How long creation waits. ") || !strings.HasSuffix(desc, "Defaults to `10m`.") {
		t.Errorf("TimeoutDescription = %q", desc)
	}
}

func TestDeleteWaitErrorSaysTheObjectStays(t *testing.T) {
	msg := DeleteWaitError("Provisioning of instance i-1", time.Minute, context.DeadlineExceeded)
	for _, want := range []string{"did not finish within 1m0s", "Nothing was destroyed", "still in the state", "destroy again"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "tainted") {
		t.Errorf("a delete wait says the object is tainted: %q", msg)
	}
	if msg := DeleteWaitError("x", time.Minute, errors.New("boom")); msg != "Waiting for x failed: boom" {
		t.Errorf("a failure that is no timeout: %q", msg)
	}
}
