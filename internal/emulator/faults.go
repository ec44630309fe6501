package emulator

import (
	"errors"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// Faults are the faults injected into API requests; every zero value means
// "off". Rates are probabilities in [0, 1].
type Faults struct {
	LatencyMS          int     `json:"latency_ms"`
	ErrorRate          float64 `json:"error_rate"`
	RateLimitPerSecond int     `json:"rate_limit_per_second"`
	DropRate           float64 `json:"drop_rate"`
	TokenTTLSeconds    int     `json:"token_ttl_seconds"`
}

// Validate reports a negative value or a rate outside [0, 1].
func (f Faults) Validate() error {
	switch {
	case f.LatencyMS < 0:
		return errors.New("latency_ms must be >= 0")
	case f.RateLimitPerSecond < 0:
		return errors.New("rate_limit_per_second must be >= 0")
	case f.TokenTTLSeconds < 0:
		return errors.New("token_ttl_seconds must be >= 0")
	case !(f.ErrorRate >= 0 && f.ErrorRate <= 1):
		return errors.New("error_rate must be between 0 and 1")
	case !(f.DropRate >= 0 && f.DropRate <= 1):
		return errors.New("drop_rate must be between 0 and 1")
	}
	return nil
}

// faultInjector holds the current faults and the rate-limit window.
type faultInjector struct {
	mu          sync.Mutex
	faults      Faults
	windowStart time.Time
	windowCount int
}

func newFaultInjector(f Faults) *faultInjector { return &faultInjector{faults: f} }

func (fi *faultInjector) get() Faults {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.faults
}

// set replaces the faults and restarts the rate-limit window.
func (fi *faultInjector) set(f Faults) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = f
	fi.windowStart, fi.windowCount = time.Time{}, 0
}

// overLimit records one request in the current one-second window (which
// starts at the first request after the previous window ended) and reports
// whether it exceeds the limit.
func (fi *faultInjector) overLimit(now time.Time) bool {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	limit := fi.faults.RateLimitPerSecond
	if limit <= 0 {
		return false
	}
	if fi.windowStart.IsZero() || now.Sub(fi.windowStart) >= time.Second {
		fi.windowStart, fi.windowCount = now, 0
	}
	fi.windowCount++
	return fi.windowCount > limit
}

// apply injects the configured faults, in the contract's order: rate limit,
// drop, latency, error. It reports whether the request should still be
// served normally.
func (fi *faultInjector) apply(w http.ResponseWriter, r *http.Request) bool {
	if fi.overLimit(time.Now()) {
		w.Header().Set("Retry-After", "1")
		httpjson.Write(w, http.StatusTooManyRequests, map[string]string{
			"error": "rate_limited", "message": "rate limit exceeded, retry after 1 second",
		})
		return false
	}
	f := fi.get()
	if f.DropRate > 0 && rand.Float64() < f.DropRate {
		drop(w)
		return false
	}
	if f.LatencyMS > 0 {
		t := time.NewTimer(time.Duration(f.LatencyMS) * time.Millisecond)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return false
		}
	}
	if f.ErrorRate > 0 && rand.Float64() < f.ErrorRate {
		httpjson.Write(w, http.StatusServiceUnavailable, map[string]string{
			"error": "service_unavailable", "message": "injected fault",
		})
		return false
	}
	return true
}

// drop closes the connection without answering. When the connection cannot
// be hijacked (HTTP/2), the handler is aborted instead, which resets the
// stream.
func drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
