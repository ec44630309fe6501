package httpclient

import (
	"context"
	"fmt"
	"time"
)

// Poll calls check every interval until it reports done, returns an error,
// or ctx ends. The error on timeout says what was being waited for through
// check's last error, if any.
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
