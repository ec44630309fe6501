package httpclient

import (
	"context"

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

// waitTurn blocks until the limiter lets one more request go, or ctx ends.
func (c *Client) waitTurn(ctx context.Context) error {
	if c.limiter == nil {
		return nil
	}
	return c.limiter.Wait(ctx)
}
