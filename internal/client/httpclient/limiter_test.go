package httpclient

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestLimiterSpacesParallelRequests(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	var mu sync.Mutex
	var stamps []time.Time
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		mu.Lock()
		stamps = append(stamps, time.Now())
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	})
	c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: 1, MaxRequestsPerSecond: 20}, decodeTestError)
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if calls.Load() != 10 {
		t.Fatalf("server saw %d requests, want 10", calls.Load())
	}
	// Ten requests at 20 per second with a burst of one take at least 9
	// intervals of 50 ms from the first to the last.
	if spread := stamps[len(stamps)-1].Sub(stamps[0]); spread < 400*time.Millisecond {
		t.Fatalf("10 requests arrived within %v, want them spaced by the limiter (>= 450ms)", spread)
	}
}

func TestNoLimiterWhenZero(t *testing.T) {
	t.Parallel()
	if newLimiter(0) != nil || newLimiter(-1) != nil {
		t.Fatal("a zero or negative rate must mean no client-side limit")
	}
	if l := newLimiter(7.5); l == nil || float64(l.Limit()) != 7.5 || l.Burst() != 1 {
		t.Fatalf("newLimiter(7.5) = %v, want 7.5/s with a burst of 1", l)
	}
}

func TestLimiterWaitEndsWithContext(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{}`)) })
	c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRequestsPerSecond: 0.01}, decodeTestError)
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"}); err == nil {
		t.Fatal("a request that cannot get a turn before its deadline must fail")
	}
}
