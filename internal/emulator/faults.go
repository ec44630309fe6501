package emulator

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// Faults are the faults injected into API requests; every zero value means
// "off" (or, for RetryAfterSeconds and RedirectStatus, the default). Rates
// are probabilities in [0, 1]. See "Faults" in the package documentation.
type Faults struct {
	LatencyMS           int     `json:"latency_ms"`
	ErrorRate           float64 `json:"error_rate"`
	RateLimitPerSecond  int     `json:"rate_limit_per_second"`
	DropRate            float64 `json:"drop_rate"`
	DropAfterCommitRate float64 `json:"drop_after_commit_rate"`
	TokenTTLSeconds     int     `json:"token_ttl_seconds"`

	// HangRate is the probability that a request is held, never answered,
	// until the client gives up or the Server is closed.
	HangRate float64 `json:"hang_rate"`
	// RetryAfterSeconds is the Retry-After of every 429 answer (rate limit
	// and throttle); 0 means 1.
	RetryAfterSeconds int `json:"retry_after_seconds"`
	// ThrottleRate is the probability that a request is answered 429,
	// whatever the rate-limit window.
	ThrottleRate float64 `json:"throttle_rate"`
	// OversizedBodyBytes is the size an oversized answer is padded to.
	OversizedBodyBytes int `json:"oversized_body_bytes"`
	// OversizedRate is the probability that an answer is padded to
	// OversizedBodyBytes (which must then be set).
	OversizedRate float64 `json:"oversized_rate"`
	// RedirectTo is the absolute http(s) URL redirects point to; the
	// request's path and query are appended.
	RedirectTo string `json:"redirect_to"`
	// RedirectRate is the probability that a request is answered with a
	// redirect to RedirectTo (which must then be set) instead of served.
	RedirectRate float64 `json:"redirect_rate"`
	// RedirectStatus is the status of redirects: 301, 302, 303, 307 or
	// 308; 0 means 302.
	RedirectStatus int `json:"redirect_status"`
	// EchoAuthorizationRate is the probability that a request is answered
	// 500 with a message echoing its credentials (Authorization and
	// API-key-like headers, and the body) verbatim.
	EchoAuthorizationRate float64 `json:"echo_authorization_rate"`
	// AnonymousAnswerRate is the probability that a request is served but
	// its 2xx JSON answer replaced by {"id":"x"}.
	AnonymousAnswerRate float64 `json:"anonymous_answer_rate"`
	// OnlyMethod, when set, restricts every fault to requests of this
	// method (exact, upper case).
	OnlyMethod string `json:"only_method"`
	// OnlyPathPrefix, when set, restricts every fault to requests whose
	// path starts with it.
	OnlyPathPrefix string `json:"only_path_prefix"`
}

// Limits of the fault settings.
const (
	// maxOversizedBodyBytes caps oversized_body_bytes (1 GiB).
	maxOversizedBodyBytes = 1 << 30
	// defaultRetryAfterSeconds is the Retry-After of 429 answers when
	// retry_after_seconds is 0.
	defaultRetryAfterSeconds = 1
)

// Validate reports a negative value, a rate outside [0, 1], or a fault
// switched on without what it needs.
func (f Faults) Validate() error {
	for _, c := range []struct {
		name  string
		value int
	}{
		{"latency_ms", f.LatencyMS},
		{"rate_limit_per_second", f.RateLimitPerSecond},
		{"token_ttl_seconds", f.TokenTTLSeconds},
		{"retry_after_seconds", f.RetryAfterSeconds},
		{"oversized_body_bytes", f.OversizedBodyBytes},
	} {
		if c.value < 0 {
			return fmt.Errorf("%s must be >= 0", c.name)
		}
	}
	for _, c := range []struct {
		name string
		rate float64
	}{
		{"error_rate", f.ErrorRate},
		{"drop_rate", f.DropRate},
		{"drop_after_commit_rate", f.DropAfterCommitRate},
		{"hang_rate", f.HangRate},
		{"throttle_rate", f.ThrottleRate},
		{"oversized_rate", f.OversizedRate},
		{"redirect_rate", f.RedirectRate},
		{"echo_authorization_rate", f.EchoAuthorizationRate},
		{"anonymous_answer_rate", f.AnonymousAnswerRate},
	} {
		if !validRate(c.rate) {
			return fmt.Errorf("%s must be between 0 and 1", c.name)
		}
	}
	switch {
	case f.OversizedBodyBytes > maxOversizedBodyBytes:
		return fmt.Errorf("oversized_body_bytes must be at most %d", maxOversizedBodyBytes)
	case f.OversizedRate > 0 && f.OversizedBodyBytes == 0:
		return errors.New("oversized_rate needs oversized_body_bytes > 0")
	case f.RedirectRate > 0 && f.RedirectTo == "":
		return errors.New("redirect_rate needs redirect_to")
	case f.RedirectStatus != 0 && !validRedirectStatus(f.RedirectStatus):
		return errors.New("redirect_status must be 301, 302, 303, 307 or 308")
	case f.OnlyMethod != "" && !isUpperToken(f.OnlyMethod):
		return errors.New("only_method must be an HTTP method in upper case, such as POST")
	case f.OnlyPathPrefix != "" && !strings.HasPrefix(f.OnlyPathPrefix, "/"):
		return errors.New(`only_path_prefix must start with "/"`)
	}
	if f.RedirectTo != "" {
		u, err := url.Parse(f.RedirectTo)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return errors.New("redirect_to must be an absolute http or https URL without user, query or fragment")
		}
	}
	return nil
}

// validRate reports whether r is a probability (NaN is not).
func validRate(r float64) bool { return r >= 0 && r <= 1 }

func validRedirectStatus(s int) bool {
	switch s {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// isUpperToken reports whether s is made of upper-case ASCII letters only.
func isUpperToken(s string) bool {
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return s != ""
}

// retryAfter is the Retry-After of 429 answers, in seconds.
func (f Faults) retryAfter() int {
	if f.RetryAfterSeconds > 0 {
		return f.RetryAfterSeconds
	}
	return defaultRetryAfterSeconds
}

// redirectStatus is the status of injected redirects.
func (f Faults) redirectStatus() int {
	if f.RedirectStatus != 0 {
		return f.RedirectStatus
	}
	return http.StatusFound
}

// inScope reports whether r is subject to faults: it matches only_method
// and only_path_prefix when they are set.
func (f Faults) inScope(r *http.Request) bool {
	return (f.OnlyMethod == "" || r.Method == f.OnlyMethod) &&
		(f.OnlyPathPrefix == "" || strings.HasPrefix(r.URL.Path, f.OnlyPathPrefix))
}

// Kinds of injected faults, as counted in FaultCounts.
const (
	faultRateLimited         = "rate_limited"
	faultError               = "error"
	faultDropped             = "dropped"
	faultDroppedAfterCommit  = "dropped_after_commit"
	faultThrottled           = "throttled"
	faultHung                = "hung"
	faultRedirected          = "redirected"
	faultEchoedAuthorization = "echoed_authorization"
	faultAnonymousAnswer     = "anonymous_answer"
	faultOversized           = "oversized"
)

// plan is what serve does with a request once the faults before serving
// are applied.
type plan struct {
	done bool // already answered (or dropped, or held): do nothing more
	// Faults acting on the answer, drawn before serving; drop wins.
	dropAfterCommit bool
	anonymous       bool
	oversizeTo      int // 0: no padding
}

// postServe reports whether the answer must be captured before it is sent.
func (p plan) postServe() bool { return p.dropAfterCommit || p.anonymous || p.oversizeTo > 0 }

// faultInjector holds the current faults and one rate-limit window per
// service.
type faultInjector struct {
	mu      sync.Mutex
	faults  Faults
	windows map[string]*rateWindow // by service, see serviceOf

	// closing is closed by close: held requests are dropped.
	closing   chan struct{}
	closeOnce sync.Once

	// record counts an injected fault; it is called before the fault acts,
	// so that a client seeing the fault also sees it counted.
	record func(kind string)
}

func newFaultInjector(f Faults, record func(kind string)) *faultInjector {
	return &faultInjector{faults: f, windows: map[string]*rateWindow{}, record: record, closing: make(chan struct{})}
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

// close drops every held request, and makes the hang fault drop at once
// from then on.
func (fi *faultInjector) close() { fi.closeOnce.Do(func() { close(fi.closing) }) }

// draw reports whether a fault of probability rate happens.
func draw(rate float64) bool { return rate > 0 && rand.Float64() < rate }

// apply injects the faults that act before the request is served, in the
// documented order (rate limit, throttle, drop, hang, latency, error,
// redirect, echo), and draws those that act on its answer (drop after
// commit, anonymous answer, oversized). Every fault injected is recorded
// first. Requests out of the faults' scope are served untouched.
func (fi *faultInjector) apply(w http.ResponseWriter, r *http.Request) plan {
	f := fi.get()
	if !f.inScope(r) {
		return plan{}
	}
	if fi.overLimit(serviceOf(r.URL.Path), time.Now()) {
		fi.record(faultRateLimited)
		tooManyRequests(w, f.retryAfter())
		return plan{done: true}
	}
	if draw(f.ThrottleRate) {
		fi.record(faultThrottled)
		tooManyRequests(w, f.retryAfter())
		return plan{done: true}
	}
	if draw(f.DropRate) {
		fi.record(faultDropped)
		drop(w)
		return plan{done: true}
	}
	if draw(f.HangRate) {
		fi.record(faultHung)
		fi.hang(w, r)
		return plan{done: true}
	}
	if f.LatencyMS > 0 {
		t := time.NewTimer(time.Duration(f.LatencyMS) * time.Millisecond)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return plan{done: true}
		}
	}
	if draw(f.ErrorRate) {
		fi.record(faultError)
		httpjson.Write(w, http.StatusServiceUnavailable, map[string]string{
			"error": "service_unavailable", "message": "injected fault",
		})
		return plan{done: true}
	}
	if draw(f.RedirectRate) {
		fi.record(faultRedirected)
		loc := strings.TrimRight(f.RedirectTo, "/") + r.URL.RequestURI()
		w.Header().Set("Location", loc)
		httpjson.Write(w, f.redirectStatus(), map[string]string{
			"error": "redirected", "message": "injected fault: moved to " + loc,
		})
		return plan{done: true}
	}
	if draw(f.EchoAuthorizationRate) {
		fi.record(faultEchoedAuthorization)
		msg := "injected fault: internal error echoing the request's credentials: " + echoCredentials(r)
		httpjson.Write(w, http.StatusInternalServerError, map[string]string{
			"error": "internal_error", "message": msg, "error_description": msg,
		})
		return plan{done: true}
	}
	if draw(f.DropAfterCommitRate) {
		fi.record(faultDroppedAfterCommit)
		return plan{dropAfterCommit: true}
	}
	p := plan{anonymous: draw(f.AnonymousAnswerRate)}
	if draw(f.OversizedRate) {
		p.oversizeTo = f.OversizedBodyBytes
	}
	return p
}

// tooManyRequests answers 429 with Retry-After: secs.
func tooManyRequests(w http.ResponseWriter, secs int) {
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	httpjson.Write(w, http.StatusTooManyRequests, map[string]string{
		"error": "rate_limited", "message": fmt.Sprintf("rate limit exceeded, retry after %d %s", secs, unit),
	})
}

// maxHangDrain is how much of a held request's body is read (and thrown
// away) before it is held: net/http notices a client going away only once
// the body has been read.
const maxHangDrain = 10 << 20

// hang holds r, never answering it, until the client goes away (its
// context ends) or the injector is closed; the connection is then closed
// without an answer.
func (fi *faultInjector) hang(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, maxHangDrain))
	select {
	case <-r.Context().Done():
	case <-fi.closing:
	}
	drop(w)
}

// maxEchoBody is how much of the request body the echo fault repeats.
const maxEchoBody = 4 << 10

// echoCredentials lists r's credentials verbatim: its Authorization header
// and every header whose name suggests a credential (api-key, apikey,
// token, secret, password, auth, cookie), sorted by name, then the start of
// its body, if any.
func echoCredentials(r *http.Request) string {
	var names []string
	for name := range r.Header {
		if isCredentialHeader(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var parts []string
	for _, name := range names {
		for _, v := range r.Header[name] {
			parts = append(parts, name+": "+v)
		}
	}
	if body, _ := io.ReadAll(io.LimitReader(r.Body, maxEchoBody)); len(body) > 0 {
		parts = append(parts, "body: "+string(body))
	}
	if len(parts) == 0 {
		return "(no credentials in the request)"
	}
	return strings.Join(parts, "; ")
}

func isCredentialHeader(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"auth", "api-key", "apikey", "api_key", "token", "secret", "password", "cookie"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
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
