package fwkit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// PollInterval is how often waits poll an API; tests shorten it.
var PollInterval = time.Second

// WaitError explains a wait that did not finish: what was awaited and, on a
// timeout (see TimedOut), how to give it more time.
func WaitError(what string, timeout time.Duration, err error) string {
	if TimedOut(err) {
		return fmt.Sprintf("%s did not finish within %s. The object was created and is saved in the state as tainted; raise the value in the resource's timeouts block if the service is slow. Last error: %v", what, timeout, err)
	}
	return fmt.Sprintf("Waiting for %s failed: %v", what, err)
}

// DeleteWaitError explains a wait during destroy that did not finish: on a
// timeout, the object is still in the state and destroy can be run again
// with more time.
func DeleteWaitError(what string, timeout time.Duration, err error) string {
	if TimedOut(err) {
		return fmt.Sprintf("%s did not finish within %s. Nothing was destroyed and the object is still in the state; raise the delete value in the resource's timeouts block (apply it first: destroy reads it from the state) and destroy again. Last error: %v", what, timeout, err)
	}
	return fmt.Sprintf("Waiting for %s failed: %v", what, err)
}

// TimedOut reports whether a wait ended because its deadline passed: its
// context's deadline, or a request that could not go out before it. The
// client's rate limiter refuses at once a turn that would come after the
// deadline ("rate: Wait(n=1) would exceed context deadline"); the HTTP
// layer wraps that refusal with context.DeadlineExceeded, so it counts as
// the timeout it announces, not as a failure of the service. A refusal
// because the call's own retry budget (max_retry_duration) would run out
// first does not: that is httpclient.ErrRetryBudgetSpent.
func TimedOut(err error) bool {
	return errors.Is(err, context.DeadlineExceeded)
}

// TimeoutDescription is the description of an attribute of a timeouts
// block: what (a sentence saying what the timeout bounds), the format of
// the value, and def, the default the resource uses when it is not set
// (the constant the resource's CRUD code passes to timeouts.Value.Create or
// Delete, so that the documentation cannot drift from it).
func TimeoutDescription(what string, def time.Duration) string {
	return fmt.Sprintf("%s A [duration](https://pkg.go.dev/time#ParseDuration) such as `30s`, `10m` or `1h30m` (units `s`, `m`, `h`). Defaults to `%s`.",
		what, FormatDuration(def))
}

// FormatDuration writes d as a timeouts value is written: time.Duration's
// String without its zero minutes and seconds, such as 10m, 1h30m, 2h or
// 45s.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
