package httpclient

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestPoll(t *testing.T) {
	t.Parallel()
	t.Run("done after a few checks", func(t *testing.T) {
		calls := 0
		err := Poll(context.Background(), time.Millisecond, func(context.Context) (bool, error) {
			calls++
			return calls == 3, nil
		})
		if err != nil || calls != 3 {
			t.Fatalf("err=%v calls=%d", err, calls)
		}
	})
	t.Run("done at once", func(t *testing.T) {
		calls := 0
		if err := Poll(context.Background(), time.Hour, func(context.Context) (bool, error) { calls++; return true, nil }); err != nil || calls != 1 {
			t.Fatalf("err=%v calls=%d", err, calls)
		}
	})
	t.Run("check error stops", func(t *testing.T) {
		boom := errors.New("boom")
		calls := 0
		err := Poll(context.Background(), time.Millisecond, func(context.Context) (bool, error) { calls++; return false, boom })
		if !errors.Is(err, boom) || calls != 1 {
			t.Fatalf("err=%v calls=%d", err, calls)
		}
	})
	t.Run("context ends", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		started := time.Now()
		err := Poll(ctx, 10*time.Millisecond, func(context.Context) (bool, error) { return false, nil })
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want DeadlineExceeded", err)
		}
		if took := time.Since(started); took < 50*time.Millisecond || took > 5*time.Second {
			t.Fatalf("Poll returned after %v", took)
		}
	})
}
