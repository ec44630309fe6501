package httpclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRetryAfterPastBudgetFailsAtOnce: a Retry-After longer than what is
// left of the budget is neither slept nor clamped: the call fails at once
// with a RetryAfterError that quotes the header and the budget.
func TestRetryAfterPastBudgetFailsAtOnce(t *testing.T) {
	t.Parallel()
	inAnHour := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name, method, retryAfter string
		status                   int
		budget                   time.Duration
		wantInMessage            []string
	}{
		{"seconds on a 429", http.MethodGet, "3600", http.StatusTooManyRequests, 0,
			[]string{"answered 429 Too Many Requests with Retry-After: 3600 (a wait of 1h0m0s)", "of max_retry_duration (2m0s) was left"}},
		{"HTTP date on a 503", http.MethodGet, inAnHour, http.StatusServiceUnavailable, 0,
			[]string{"answered 503 Service Unavailable with Retry-After: " + inAnHour, "of max_retry_duration (2m0s) was left"}},
		{"just past a small budget", http.MethodGet, "1", http.StatusServiceUnavailable, 500 * time.Millisecond,
			[]string{"Retry-After: 1 (a wait of 1s)", "of max_retry_duration (500ms) was left"}},
		{"a create on a 429 (not applied)", http.MethodPost, "3600", http.StatusTooManyRequests, 0,
			[]string{"POST /x answered 429"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				w.Header().Set("Retry-After", tt.retryAfter)
				writeJSON(w, tt.status, testErrorBody{Code: "slow_down"})
			})
			c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: 5, MaxRetryDuration: tt.budget}, decodeTestError)
			started := time.Now()
			_, err := c.Do(context.Background(), Request{Method: tt.method, Path: "/x"})
			if took := time.Since(started); took > loadSlack {
				t.Fatalf("Do took %v: it must not sleep", took)
			}
			var ra *RetryAfterError
			if !errors.As(err, &ra) || !HasStatus(err, tt.status) || !errors.Is(err, ErrRetryBudgetSpent) || calls.Load() != 1 {
				t.Fatalf("err = %T %v after %d requests, want a RetryAfterError around the %d", err, err, calls.Load(), tt.status)
			}
			if errors.As(err, new(*UncertainError)) {
				t.Fatalf("a %d is not uncertain: %v", tt.status, err)
			}
			for _, want := range append(tt.wantInMessage, "raise max_retry_duration (or TENANT_MAX_RETRY_DURATION)") {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message %q lacks %q", err, want)
				}
			}
		})
	}
}

// TestRetryAfterWithinBudgetIsHonoured: a wait that fits is slept, whole.
func TestRetryAfterWithinBudgetIsHonoured(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0.2")
			writeJSON(w, http.StatusTooManyRequests, testErrorBody{})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{})
	})
	c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: 1, MaxRetryDuration: time.Minute}, decodeTestError)
	started := time.Now()
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(started); took < 200*time.Millisecond || calls.Load() != 2 {
		t.Fatalf("took %v, %d requests: want the 200ms Retry-After honoured, then success", took, calls.Load())
	}
}
