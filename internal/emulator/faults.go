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
	LatencyMS           int     `json:"latency_ms"`
	ErrorRate           float64 `json:"error_rate"`
	RateLimitPerSecond  int     `json:"rate_limit_per_second"`
	DropRate            float64 `json:"drop_rate"`
	DropAfterCommitRate float64 `json:"drop_after_commit_rate"`
	TokenTTLSeconds     int     `json:"token_ttl_seconds"`
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
	case !validRate(f.ErrorRate):
		return errors.New("error_rate must be between 0 and 1")
	case !validRate(f.DropRate):
		return errors.New("drop_rate must be between 0 and 1")
	case !validRate(f.DropAfterCommitRate):
		return errors.New("drop_after_commit_rate must be between 0 and 1")
	}
	return nil
}

// validRate reports whether r is a probability (NaN is not).
func validRate(r float64) bool { return r >= 0 && r <= 1 }

// Kinds of injected faults, as counted in FaultCounts.
const (
	faultRateLimited        = "rate_limited"
	faultError              = "error"
	faultDropped            = "dropped"
	faultDroppedAfterCommit = "dropped_after_commit"
)

// verdict is what serve does with a request once the faults are applied.
type verdict int

const (
	verdictServe        verdict = iota // serve it normally
	verdictServeAndDrop                // serve it, throw the answer away, close the connection
	verdictDone                        // already answered (or dropped): do nothing more
)

// faultInjector holds the current faults and one rate-limit window per
// service.
type faultInjector struct {
	mu      sync.Mutex
	faults  Faults
	windows map[string]*rateWindow // by service, see serviceOf

	// record counts an injected fault; it is called before the fault acts,
	// so that a client seeing the fault also sees it counted.
	record func(kind string)
}

func newFaultInjector(f Faults, record func(kind string)) *faultInjector {
	return &faultInjector{faults: f, windows: map[string]*rateWindow{}, record: record}
}

func (fi *faultInjector) get() Faults {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.faults
}

// set replaces the faults and restarts every rate-limit window.
func (fi *faultInjector) set(f Faults) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = f
	fi.windows = map[string]*rateWindow{}
}

// apply injects the configured faults, in the contract's order: rate limit,
// drop, latency, error, then drop after commit, and reports what to do with
// the request. Every fault injected is recorded first.
func (fi *faultInjector) apply(w http.ResponseWriter, r *http.Request) verdict {
	if fi.overLimit(serviceOf(r.URL.Path), time.Now()) {
		fi.record(faultRateLimited)
		w.Header().Set("Retry-After", "1")
		httpjson.Write(w, http.StatusTooManyRequests, map[string]string{
			"error": "rate_limited", "message": "rate limit exceeded, retry after 1 second",
		})
		return verdictDone
	}
	f := fi.get()
	if f.DropRate > 0 && rand.Float64() < f.DropRate {
		fi.record(faultDropped)
		drop(w)
		return verdictDone
	}
	if f.LatencyMS > 0 {
		t := time.NewTimer(time.Duration(f.LatencyMS) * time.Millisecond)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return verdictDone
		}
	}
	if f.ErrorRate > 0 && rand.Float64() < f.ErrorRate {
		fi.record(faultError)
		httpjson.Write(w, http.StatusServiceUnavailable, map[string]string{
			"error": "service_unavailable", "message": "injected fault",
		})
		return verdictDone
	}
	if f.DropAfterCommitRate > 0 && rand.Float64() < f.DropAfterCommitRate {
		fi.record(faultDroppedAfterCommit)
		return verdictServeAndDrop
	}
	return verdictServe
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
