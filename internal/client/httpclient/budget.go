package httpclient

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// DefaultMaxRetryDuration is the retry budget of one API call when
// Config.MaxRetryDuration is zero.
const DefaultMaxRetryDuration = 2 * time.Minute

// ErrRetryBudgetSpent is wrapped by the errors of calls that stopped because
// their retry budget ran out (a *RetryBudgetError) or could not cover the
// wait a server asked for (a *RetryAfterError): errors.Is(err,
// ErrRetryBudgetSpent) tells them apart from failures no wait would fix.
var ErrRetryBudgetSpent = errors.New("retry budget spent")

// budget is the time one API call may spend on attempts and retry waits:
// attempts start only before deadline, and no wait ends past it, so a call
// ends at the latest one attempt's timeout after deadline.
type budget struct {
	total    time.Duration
	started  time.Time
	deadline time.Time
}

func newBudget(total time.Duration) *budget {
	now := time.Now()
	return &budget{total: total, started: now, deadline: now.Add(total)}
}

// left is what remains of the budget at now, never negative.
func (b *budget) left(now time.Time) time.Duration { return max(b.deadline.Sub(now), 0) }

// spent reports whether no attempt may start at now.
func (b *budget) spent(now time.Time) bool { return !now.Before(b.deadline) }

// fits reports whether a wait of d starting at now ends before the deadline,
// leaving time to start the attempt after it.
func (b *budget) fits(now time.Time, d time.Duration) bool { return now.Add(d).Before(b.deadline) }

// backoff returns delay if it fits, otherwise half of what is left: unlike
// a server's Retry-After, the client's own backoff may be shortened so that
// one last attempt starts within the budget. ok is false when not even the
// shortest backoff (a tenth of backoffBase) fits.
func (b *budget) backoff(now time.Time, delay time.Duration) (time.Duration, bool) {
	if b.fits(now, delay) {
		return delay, true
	}
	delay = b.left(now) / 2
	return delay, delay >= backoffBase/10
}

type budgetKey struct{}

// withBudget returns ctx carrying b.
func withBudget(ctx context.Context, b *budget) context.Context {
	return context.WithValue(ctx, budgetKey{}, b)
}

// budgetFrom returns the budget ctx carries, or nil.
func budgetFrom(ctx context.Context) *budget {
	b, _ := ctx.Value(budgetKey{}).(*budget)
	return b
}

// WithBudget returns ctx carrying one retry budget of the client's
// MaxRetryDuration, starting now, unless ctx already carries one: then ctx is
// returned as it is. Every Do on the returned context (and on contexts
// derived from it) shares that budget, so an operation made of several calls
// (a create and the look-ups that follow a lost answer, each maybe several
// pages) ends within one request timeout after the budget runs out. Do calls
// it itself, so a lone call needs nothing.
func (c *Client) WithBudget(ctx context.Context) context.Context {
	if budgetFrom(ctx) != nil {
		return ctx
	}
	return withBudget(ctx, newBudget(c.cfg.MaxRetryDuration))
}

// RetryBudgetError reports a call that stopped retrying because its retry
// budget (max_retry_duration) ran out. Err is the last attempt's failure (an
// *APIError, a transport error, ...), still reachable with errors.As; it is
// nil when the budget, shared with earlier calls of the same operation, was
// spent before this call sent anything.
type RetryBudgetError struct {
	// Service, Method and Path identify the call.
	Service      string
	Method, Path string
	// Budget is the whole budget (max_retry_duration).
	Budget time.Duration
	// Attempts is how many times this call sent its request.
	Attempts int
	// Err is the last attempt's failure, or nil.
	Err error
}

// Error implements error.
func (e *RetryBudgetError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("%s API: %s %s was not sent: the operation's retry budget (max_retry_duration %s) was already spent; raise max_retry_duration (or TENANT_MAX_RETRY_DURATION) to let retries run longer",
			e.Service, e.Method, e.Path, e.Budget)
	}
	return fmt.Sprintf("%v (gave up after %d %s: the next retry would not start within max_retry_duration (%s); raise max_retry_duration (or TENANT_MAX_RETRY_DURATION) to let retries run longer)",
		e.Err, e.Attempts, plural(e.Attempts, "attempt", "attempts"), e.Budget)
}

// Unwrap returns the last failure (if any) and ErrRetryBudgetSpent.
func (e *RetryBudgetError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrRetryBudgetSpent}
	}
	return []error{e.Err, ErrRetryBudgetSpent}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// roundDuration rounds d for messages: to the millisecond under 10 s, to
// the second above.
func roundDuration(d time.Duration) time.Duration {
	if d < 10*time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Second)
}
