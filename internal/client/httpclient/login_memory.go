package httpclient

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// loginFailureMemory is how long a failed login is remembered: in that time
// every call that needs a token gets the failure at once instead of logging
// in again, so that a hundred resources behind a wrong secret or an
// unreachable login endpoint fail in the time of one login, not a hundred.
const loginFailureMemory = time.Minute

// RememberedLoginError is returned, within loginFailureMemory of a failed
// login, instead of logging in again. Err is that login's failure.
type RememberedLoginError struct {
	// At is when the login failed.
	At time.Time
	// Ago is how long before this error the login failed.
	Ago time.Duration
	// Err is the login's failure.
	Err error
}

// Error implements error.
func (e *RememberedLoginError) Error() string {
	return fmt.Sprintf("not logging in again for %s after a failed login: this is the remembered failure of the login at %s (%s ago): %v",
		loginFailureMemory, e.At.Format(time.TimeOnly), roundDuration(e.Ago), e.Err)
}

// Unwrap returns the login's failure.
func (e *RememberedLoginError) Unwrap() error { return e.Err }

// rememberFailure records a login's failure.
func (s *TokenSource) rememberFailure(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failure, s.failedAt = err, s.now()
}

// rememberedFailure returns the last login's failure as a
// *RememberedLoginError while it is remembered, otherwise nil.
func (s *TokenSource) rememberedFailure() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failure == nil {
		return nil
	}
	ago := s.now().Sub(s.failedAt)
	if ago >= loginFailureMemory || ago < 0 {
		return nil
	}
	return &RememberedLoginError{At: s.failedAt, Ago: ago, Err: s.failure}
}

// cutByCallerDeadline reports whether a login's failure may come from its
// caller's own deadline rather than from the login endpoint: the rate
// limiter refuses, before the deadline passes, a turn that would come after
// it. Such a failure says nothing of the endpoint and is not remembered.
func cutByCallerDeadline(ctx context.Context, err error) bool {
	_, hasDeadline := ctx.Deadline()
	return hasDeadline && errors.Is(err, context.DeadlineExceeded)
}
