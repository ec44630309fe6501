package fwkit

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// PollInterval is how often waits poll an API; tests shorten it.
var PollInterval = time.Second

// WaitError explains a wait that did not finish: what was awaited and, on a
// timeout, how to give it more time.
func WaitError(what string, timeout time.Duration, err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("%s did not finish within %s. The object was created and is saved in the state as tainted; raise the value in the resource's timeouts block if the service is slow. Last error: %v", what, timeout, err)
	}
	return fmt.Sprintf("Waiting for %s failed: %v", what, err)
}
