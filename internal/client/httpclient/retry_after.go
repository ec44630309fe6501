package httpclient

import (
	"fmt"
	"net/http"
	"time"
)

// RetryAfterError reports an answer (429, 503, ...) whose Retry-After asked
// for a longer wait than what was left of the call's retry budget
// (max_retry_duration): the call failed at once instead of sleeping past its
// budget. Err is the answer itself (an *APIError).
type RetryAfterError struct {
	// Service, Method and Path identify the call.
	Service      string
	Method, Path string
	// StatusCode is the status of the answer that carried the header.
	StatusCode int
	// RetryAfter is the header's value as the server sent it.
	RetryAfter string
	// Wait is the wait the header asks for.
	Wait time.Duration
	// Left is what was left of the budget; Budget is the whole of it.
	Left, Budget time.Duration
	// Err is the answer, as the call would have returned it without retries.
	Err error
}

// Error implements error.
func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("%s API: %s %s answered %d %s with Retry-After: %s (a wait of %s), but only %s of max_retry_duration (%s) was left, so it was not retried; raise max_retry_duration (or TENANT_MAX_RETRY_DURATION) above that wait to let the provider wait, or try again later: %v",
		e.Service, e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode), e.RetryAfter,
		roundDuration(e.Wait), roundDuration(e.Left), e.Budget, e.Err)
}

// Unwrap returns the answer's error and ErrRetryBudgetSpent.
func (e *RetryAfterError) Unwrap() []error { return []error{e.Err, ErrRetryBudgetSpent} }
