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
//     sent again, after a backoff, at most maxAttempts times in all.
//
// A request that timed out on the client's side may still be running on the
// server, so it is not sent again: its UncertainError is returned (after one
// look-up), and the next apply finds the object or makes it.
func CreateOnce[T any](ctx context.Context, maxAttempts int, create func(context.Context) (T, error), find func(context.Context) (T, bool, error)) (T, error) {
	var zero T
	for attempt := 1; ; attempt++ {
		made, err := create(ctx)
		var uncertain *UncertainError
		if err == nil || !errors.As(err, &uncertain) || ctx.Err() != nil {
			return made, err
		}
		found, ok, findErr := find(ctx)
		switch {
		case findErr != nil:
			// Still unknown: report the create's failure, not the look-up's.
			return zero, err
		case ok:
			return found, nil
		case attempt >= maxAttempts || timedOut(uncertain):
			return zero, err
		}
		if err := sleep(ctx, retryDelay(nil, attempt-1, time.Now())); err != nil {
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
