package httpclient

import (
	"context"
	"errors"
	"net"
	"time"
)

// CreateOnce makes one object without ever making two. It sends create; when
// the outcome of that request is unknown (an UncertainError: the answer was
// lost, or the server failed after receiving it), it looks the object up by
// its natural key with find before anything else:
//   - found: the earlier request did make it, and that object is returned;
//   - not found: the earlier request provably made nothing, so create is
//     sent again, after a backoff, at most c.MaxAttempts() times in all.
//
// A request that timed out on the client's side may still be running on the
// server, so it is not sent again: its UncertainError is returned (after one
// look-up), and the next apply finds the object or makes it. Neither is one
// whose failure cannot go away (a refused redirect, a too-large answer).
//
// The whole operation, every create and look-up (and each look-up's pages),
// runs on one retry budget (see Client.WithBudget): with a server that never
// answers it ends within c's request timeout after MaxRetryDuration.
func CreateOnce[T any](ctx context.Context, c *Client, create func(context.Context) (T, error), find func(context.Context) (T, bool, error)) (T, error) {
	var zero T
	ctx = c.WithBudget(ctx)
	b := budgetFrom(ctx)
	var previous error // the uncertain failure of the create before
	for attempt := 1; ; attempt++ {
		made, err := create(ctx)
		var spent *RetryBudgetError
		if previous != nil && errors.As(err, &spent) && spent.Attempts == 0 {
			// The budget ran out before this create was sent: report why
			// the one before failed.
			return zero, previous
		}
		var uncertain *UncertainError
		if err == nil || !errors.As(err, &uncertain) || ctx.Err() != nil {
			return made, err
		}
		previous = err
		found, ok, findErr := find(ctx)
		switch {
		case findErr != nil:
			// Still unknown: report the create's failure, not the look-up's.
			return zero, err
		case ok:
			return found, nil
		case attempt >= c.MaxAttempts() || timedOut(uncertain) || permanent(uncertain):
			return zero, err
		}
		now := time.Now()
		delay, ok := b.backoff(now, retryDelay(nil, attempt-1, now))
		if !ok {
			return zero, err
		}
		if err := sleep(ctx, delay); err != nil {
			return zero, uncertain
		}
	}
}

// timedOut reports whether an uncertain request ended because the client
// stopped waiting (so the server may still be processing it).
func timedOut(err *UncertainError) bool {
	var netErr net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout())
}
