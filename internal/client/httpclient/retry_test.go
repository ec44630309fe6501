package httpclient

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"   ", 0, false},
		{"0", 0, true},
		{"1", time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"1.5", 1500 * time.Millisecond, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"86400", 24 * time.Hour, true}, // not capped: the budget decides
		{"1e300", maxRetryAfter, true},  // too large for a Duration
		{now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true}, // in the past: retry now
		{now.Add(time.Hour).Format(http.TimeFormat), time.Hour, true},
		{now.Add(90 * time.Second).Format(time.RFC850), 90 * time.Second, true},
		{now.Add(5 * time.Second).Format(time.ANSIC), 5 * time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			got, ok := parseRetryAfter(tt.value, now)
			if ok != tt.wantOK || got != tt.want {
				t.Fatalf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestRetryDelayHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	h.Set("Retry-After", "3")
	for attempt := 0; attempt < 5; attempt++ {
		if got := retryDelay(h, attempt, time.Now()); got != 3*time.Second {
			t.Fatalf("attempt %d: retryDelay = %v, want 3s", attempt, got)
		}
	}
}

func TestRetryDelayBackoffBounds(t *testing.T) {
	t.Parallel()
	for attempt := 0; attempt <= 40; attempt++ {
		ceiling := backoffBase << min(attempt, 16)
		if ceiling > backoffCap {
			ceiling = backoffCap
		}
		for range 200 {
			got := retryDelay(nil, attempt, time.Now())
			if got < ceiling/10 || got > ceiling {
				t.Fatalf("attempt %d: retryDelay = %v, want within [%v, %v]", attempt, got, ceiling/10, ceiling)
			}
			if got > backoffCap {
				t.Fatalf("attempt %d: retryDelay = %v exceeds the cap %v", attempt, got, backoffCap)
			}
		}
	}
	// An unreadable header falls back to the backoff.
	h := http.Header{"Retry-After": {"later"}}
	if got := retryDelay(h, 0, time.Now()); got < backoffBase/10 || got > backoffBase {
		t.Fatalf("retryDelay with a bad header = %v, want the attempt-0 backoff", got)
	}
}

func TestRetryDelayIsJittered(t *testing.T) {
	t.Parallel()
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[retryDelay(nil, 3, time.Now())] = true
	}
	if len(seen) < 10 {
		t.Fatalf("50 delays gave only %d distinct values; the backoff is not jittered", len(seen))
	}
}

func TestShouldRetry(t *testing.T) {
	t.Parallel()
	transport := errors.New("connection reset")
	tests := []struct {
		name   string
		safe   bool
		status int
		err    error
		want   bool
	}{
		{"safe 503", true, 503, nil, true},
		{"safe 500", true, 500, nil, true},
		{"safe 502", true, 502, nil, true},
		{"safe 504", true, 504, nil, true},
		{"safe 429", true, 429, nil, true},
		{"safe transport error", true, 0, transport, true},
		{"safe 400", true, 400, nil, false},
		{"safe 404", true, 404, nil, false},
		{"safe 401", true, 401, nil, false},
		{"safe 501", true, 501, nil, false},
		{"unsafe 503", false, 503, nil, false},
		{"unsafe 500", false, 500, nil, false},
		{"unsafe transport error", false, 0, transport, false},
		{"unsafe 429", false, 429, nil, true},
		{"unsafe 422", false, 422, nil, false},
	}
	for _, tt := range tests {
		if got := shouldRetry(tt.safe, tt.status, tt.err); got != tt.want {
			t.Errorf("%s: shouldRetry = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestIdempotentMethod(t *testing.T) {
	t.Parallel()
	for method, want := range map[string]bool{
		http.MethodGet: true, http.MethodHead: true, http.MethodPut: true, http.MethodDelete: true, http.MethodOptions: true,
		http.MethodPost: false, http.MethodPatch: false,
	} {
		if got := idempotentMethod(method); got != want {
			t.Errorf("idempotentMethod(%s) = %v, want %v", method, got, want)
		}
	}
}

func TestSleepStopsOnContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	started := time.Now()
	if err := sleep(ctx, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("sleep = %v, want DeadlineExceeded", err)
	}
	if took := time.Since(started); took > 5*time.Second {
		t.Fatalf("sleep ignored the context for %v", took)
	}
	if err := sleep(context.Background(), time.Millisecond); err != nil {
		t.Fatalf("sleep = %v", err)
	}
}
