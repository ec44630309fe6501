package httpclient

import (
	"context"
	"fmt"

	"golang.org/x/time/rate"
)

// newLimiter returns the client-side limiter for a service: at most perSecond
// requests per second, spaced evenly (a burst of one), so that a parallel
// apply stays under the vendor's limit in any one-second window. Zero or a
// negative value means no client-side limit.
func newLimiter(perSecond float64) *rate.Limiter {
	if perSecond <= 0 {
		return nil
	}
	return rate.NewLimiter(rate.Limit(perSecond), 1)
}

// waitTurn blocks until the limiter lets one more request go, or ctx ends,
// within the budget: a turn that would come after the budget's deadline
// fails at once with ErrRetryBudgetSpent; one that would come after ctx's
// deadline with an error that wraps context.DeadlineExceeded.
func (c *Client) waitTurn(ctx context.Context, b *budget) error {
	if c.limiter == nil {
		return nil
	}
	waitCtx, cancel := context.WithDeadline(ctx, b.deadline)
	defer cancel()
	err := c.limiter.Wait(waitCtx)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	}
	// rate.Limiter.Wait fails at once, with an error of its own, when the
	// turn would come after waitCtx's deadline: the budget's or ctx's.
	if deadline, ok := ctx.Deadline(); ok && !deadline.After(b.deadline) {
		return fmt.Errorf("%w: %v", context.DeadlineExceeded, err)
	}
	return fmt.Errorf("%w: %v", ErrRetryBudgetSpent, err)
}
