package httpclient

import (
	"context"
	"fmt"
	"time"
)

// Poll calls check every interval until it reports done, returns an error,
// or ctx ends; then the error wraps ctx's error, so callers can recognise a
// timeout with errors.Is(err, context.DeadlineExceeded).
func Poll(ctx context.Context, interval time.Duration, check func(ctx context.Context) (done bool, err error)) error {
	for {
		done, err := check(ctx)
		if err != nil || done {
			return err
		}
		if err := sleep(ctx, interval); err != nil {
			return fmt.Errorf("gave up waiting: %w", err)
		}
	}
}
