package httpclient

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestDoRetriesIdempotentRequests(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		for _, status := range []int{http.StatusServiceUnavailable, http.StatusInternalServerError, http.StatusTooManyRequests, http.StatusBadGateway, http.StatusGatewayTimeout} {
			t.Run(method+" "+http.StatusText(status), func(t *testing.T) {
				var calls atomic.Int32
				srv := newServer(t, failingHandler(t, &calls, 1000, status))
				c := newTestClient(t, srv, 3)
				_, err := c.Do(context.Background(), Request{Method: method, Path: "/things/1"})
				apiErr, ok := AsAPIError(err)
				if !ok {
					t.Fatalf("Do error = %v, want an APIError", err)
				}
				var uncertain *UncertainError
				if errors.As(err, &uncertain) {
					t.Fatalf("an idempotent request must not yield an UncertainError: %v", err)
				}
				if apiErr.StatusCode != status || apiErr.Code != "boom" || apiErr.Method != method || apiErr.Path != "/things/1" || apiErr.Service != "Test" {
					t.Fatalf("unexpected APIError %+v", apiErr)
				}
				want := int32(4) // 1 + MaxRetries
				if status == http.StatusTooManyRequests {
					want = 1 + maxRateLimitedRetries // a budget of its own
				}
				if got := calls.Load(); got != want {
					t.Fatalf("server saw %d requests, want %d", got, want)
				}
			})
		}
	}
}

func TestDoRetrySucceedsEventually(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 2, http.StatusServiceUnavailable))
	c := newTestClient(t, srv, 3)
	var out struct{ OK bool }
	resp, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x", Result: &out})
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if !out.OK || resp.StatusCode != http.StatusOK || calls.Load() != 3 {
		t.Fatalf("out=%+v status=%d calls=%d, want ok after 3 requests", out, resp.StatusCode, calls.Load())
	}
}

func TestDoDoesNotRetryClientErrors(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusBadRequest, http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity, http.StatusNotImplemented} {
		var calls atomic.Int32
		srv := newServer(t, failingHandler(t, &calls, 1000, status))
		c := newTestClient(t, srv, 3)
		_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
		if !HasStatus(err, status) || calls.Load() != 1 {
			t.Fatalf("status %d: err=%v calls=%d, want the APIError after a single request", status, err, calls.Load())
		}
	}
}

func TestDoMaxRetriesZero(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 1000, http.StatusServiceUnavailable))
	c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: -5}, decodeTestError)
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	if !HasStatus(err, http.StatusServiceUnavailable) || calls.Load() != 1 {
		t.Fatalf("err=%v calls=%d, want one request", err, calls.Load())
	}
}

func TestDoRetriesGetOnTransportError(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 1000, 0))
	c := newTestClient(t, srv, 2)
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	if err == nil {
		t.Fatal("Do succeeded against a server that drops every connection")
	}
	var uncertain *UncertainError
	if _, isAPI := AsAPIError(err); isAPI || errors.As(err, &uncertain) {
		t.Fatalf("a transport error on GET should be a plain error, got %T: %v", err, err)
	}
	if !strings.Contains(err.Error(), "Test API: GET /x") {
		t.Fatalf("error %q does not name the service and request", err)
	}
	if got := calls.Load(); got != 3 {
		t.Fatalf("server saw %d requests, want 3", got)
	}

	// And it recovers when the connection works again.
	calls.Store(0)
	srv2 := newServer(t, failingHandler(t, &calls, 1, 0))
	if _, err := newTestClient(t, srv2, 2).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatalf("Do after one dropped connection: %v", err)
	}
}

func TestDoDoesNotRepeatNonIdempotentRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		method string
		status int // 0 = drop the connection
	}{
		{"POST 503", http.MethodPost, http.StatusServiceUnavailable},
		{"POST 500", http.MethodPost, http.StatusInternalServerError},
		{"POST transport error", http.MethodPost, 0},
		{"PATCH 502", http.MethodPatch, http.StatusBadGateway},
		{"PATCH transport error", http.MethodPatch, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := newServer(t, failingHandler(t, &calls, 1000, tt.status))
			c := newTestClient(t, srv, 3)
			_, err := c.Do(context.Background(), Request{Method: tt.method, Path: "/things", Form: url.Values{"name": {"a"}}})
			var uncertain *UncertainError
			if !errors.As(err, &uncertain) {
				t.Fatalf("err = %T %v, want an UncertainError", err, err)
			}
			if uncertain.Method != tt.method || uncertain.Path != "/things" {
				t.Fatalf("UncertainError names %s %s", uncertain.Method, uncertain.Path)
			}
			if !strings.Contains(err.Error(), "may or may not have been applied") {
				t.Fatalf("message %q does not warn about the unknown outcome", err)
			}
			if tt.status != 0 && !HasStatus(err, tt.status) {
				t.Fatalf("the UncertainError should wrap the APIError %d: %v", tt.status, err)
			}
			if got := calls.Load(); got != 1 {
				t.Fatalf("server saw %d requests, want exactly 1", got)
			}
		})
	}
}

func TestDoNonIdempotentClientErrorIsPlainAPIError(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 1000, http.StatusUnprocessableEntity))
	_, err := newTestClient(t, srv, 3).Do(context.Background(), Request{Method: http.MethodPost, Path: "/things"})
	var uncertain *UncertainError
	if errors.As(err, &uncertain) || !HasStatus(err, http.StatusUnprocessableEntity) || calls.Load() != 1 {
		t.Fatalf("err=%T %v calls=%d, want a plain 422 APIError after 1 request", err, err, calls.Load())
	}
}

func TestDoRetriesPostOn429(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 2, http.StatusTooManyRequests))
	if _, err := newTestClient(t, srv, 3).Do(context.Background(), Request{Method: http.MethodPost, Path: "/things"}); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if got := calls.Load(); got != 3 {
		t.Fatalf("server saw %d requests, want 3", got)
	}

	// Still rate limited after every retry: the 429 itself, not an UncertainError.
	calls.Store(0)
	srv = newServer(t, failingHandler(t, &calls, 1000, http.StatusTooManyRequests))
	_, err := newTestClient(t, srv, 2).Do(context.Background(), Request{Method: http.MethodPost, Path: "/things"})
	var uncertain *UncertainError
	if errors.As(err, &uncertain) || !HasStatus(err, http.StatusTooManyRequests) || calls.Load() != 1+maxRateLimitedRetries {
		t.Fatalf("err=%T %v calls=%d, want a 429 APIError after %d requests", err, err, calls.Load(), 1+maxRateLimitedRetries)
	}
}

func TestDoRateLimitedAnswersKeepTheFailureBudget(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	// Five 429s, then three 503s, then success: MaxRetries 3 covers the
	// 503s because the 429s are counted apart.
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		switch {
		case n <= 5:
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		case n <= 8:
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			_, _ = w.Write([]byte(`{}`))
		}
	})
	if _, err := newTestClient(t, srv, 3).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatalf("Do: %v (after %d requests)", err, calls.Load())
	}
	if got := calls.Load(); got != 9 {
		t.Fatalf("server saw %d requests, want 9", got)
	}
}

func TestDoWithoutRetriesDoesNotRetry429(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 1000, http.StatusTooManyRequests))
	_, err := newTestClient(t, srv, 0).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	if !HasStatus(err, http.StatusTooManyRequests) || calls.Load() != 1 {
		t.Fatalf("err=%v calls=%d, want the 429 after 1 request", err, calls.Load())
	}
}

func TestDoRetriesSafeToRetryPost(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusServiceUnavailable, 0} {
		var calls atomic.Int32
		srv := newServer(t, failingHandler(t, &calls, 1, status))
		_, err := newTestClient(t, srv, 2).Do(context.Background(), Request{Method: http.MethodPost, Path: "/login", SafeToRetry: true})
		if err != nil || calls.Load() != 2 {
			t.Fatalf("status %d: err=%v calls=%d, want success on the second request", status, err, calls.Load())
		}
	}
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 1000, http.StatusServiceUnavailable))
	_, err := newTestClient(t, srv, 1).Do(context.Background(), Request{Method: http.MethodPatch, Path: "/toggle", SafeToRetry: true})
	var uncertain *UncertainError
	if errors.As(err, &uncertain) || !HasStatus(err, http.StatusServiceUnavailable) || calls.Load() != 2 {
		t.Fatalf("err=%T %v calls=%d, want a plain 503 APIError after 2 requests", err, err, calls.Load())
	}
}

func TestDoHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	var first time.Time
	var gap time.Duration
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusServiceUnavailable, testErrorBody{Code: "busy"})
			return
		}
		gap = time.Since(first)
		writeJSON(w, http.StatusOK, map[string]any{})
	})
	started := time.Now()
	if _, err := newTestClient(t, srv, 1).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if elapsed := time.Since(started); elapsed < time.Second || gap < time.Second {
		t.Fatalf("the retry came after %v (request gap %v), want >= the 1 s Retry-After", elapsed, gap)
	}
	if calls.Load() != 2 {
		t.Fatalf("server saw %d requests, want 2", calls.Load())
	}
}

func TestDoStopsRetryingWhenContextEnds(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		writeJSON(w, http.StatusServiceUnavailable, testErrorBody{})
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	started := time.Now()
	_, err := newTestClient(t, srv, 5).Do(ctx, Request{Method: http.MethodGet, Path: "/x"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if took := time.Since(started); took > 5*time.Second {
		t.Fatalf("Do waited %v after the context ended", took)
	}
}
