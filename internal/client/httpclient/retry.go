package httpclient

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff bounds for retries without a Retry-After header.
const (
	backoffBase = 250 * time.Millisecond
	backoffCap  = 8 * time.Second
	// maxRetryAfter only keeps a huge Retry-After from overflowing a
	// Duration: what a call may wait is decided by its retry budget, and a
	// Retry-After longer than what is left of it fails the call at once.
	maxRetryAfter = 100 * 365 * 24 * time.Hour
	// maxRateLimitedRetries is how many answers 429 a request may get
	// before the client gives up, within its retry budget.
	maxRateLimitedRetries = 30
	// maxRelogins bounds the renewals after a 401 within one request.
	maxRelogins = 3
)

// retryableStatus reports whether an answer with this status may succeed if
// the request is sent again: 408, 425, 429 and the 5xx of an overloaded or
// failing server. No other 4xx is ever retried.
func retryableStatus(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooEarly, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// idempotentMethod reports whether repeating a request with this method
// cannot create a second object.
func idempotentMethod(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// shouldRetry decides whether the outcome of one attempt is worth another.
// A request that is not safe to repeat is retried only on 429, which says
// the server did not process it; a permanent failure (see permanent) never.
func shouldRetry(safe bool, status int, transportErr error) bool {
	if transportErr != nil {
		return safe && !permanent(transportErr)
	}
	if status == http.StatusTooManyRequests {
		return true
	}
	return safe && retryableStatus(status)
}

// retryDelay returns how long to wait before attempt number attempt+1: the
// server's Retry-After when it sent one, otherwise capped exponential
// backoff with full jitter.
func retryDelay(header http.Header, attempt int, now time.Time) time.Duration {
	if d, ok := parseRetryAfter(header.Get("Retry-After"), now); ok {
		return d
	}
	ceiling := backoffBase << min(attempt, 16)
	if ceiling > backoffCap || ceiling <= 0 {
		ceiling = backoffCap
	}
	// Full jitter, but never less than a tenth of the ceiling.
	return ceiling/10 + rand.N(ceiling-ceiling/10+1)
}

// parseRetryAfter reads a Retry-After value given in seconds or as an HTTP date.
func parseRetryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	var d time.Duration
	if seconds, err := strconv.ParseFloat(value, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		switch {
		case math.IsNaN(seconds) || seconds < 0:
			return 0, false
		case seconds >= maxRetryAfter.Seconds(): // also +Inf, before it overflows a Duration
			return maxRetryAfter, true
		}
		d = time.Duration(seconds * float64(time.Second))
	} else if at, err := http.ParseTime(value); err == nil {
		d = at.Sub(now)
		if d < 0 {
			d = 0
		}
	} else {
		return 0, false
	}
	return min(d, maxRetryAfter), true
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
