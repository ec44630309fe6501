package cyrisma

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// gatedFetch is a listing fetch that counts its calls and answers when
// released.
type gatedFetch struct {
	calls   atomic.Int32
	release chan struct{}
}

func (g *gatedFetch) fetch(ctx context.Context) (listing, error) {
	g.calls.Add(1)
	<-g.release
	return listing{"a": true}, nil
}

// TestListingCacheSingleFlight: callers that arrive while a listing is in
// flight share it; a caller that needs a listing sent after a given time
// waits for the one in flight, then shares the next with every caller
// waiting then; invalidate makes later callers send a new one.
func TestListingCacheSingleFlight(t *testing.T) {
	g := &gatedFetch{release: make(chan struct{})}
	l := newListingCache(time.Minute, g.fetch)
	ctx := context.Background()
	var wg sync.WaitGroup
	get := func(notBefore time.Time) {
		defer wg.Done()
		if ids, err := l.get(ctx, notBefore); err != nil || !ids["a"] {
			t.Errorf("get: %v, %v", ids, err)
		}
	}
	wg.Add(5)
	for range 5 {
		go get(time.Time{})
	}
	waitFor(t, func() bool { return g.calls.Load() == 1 })
	// Two callers that need a listing sent after now: not the one in flight.
	after := time.Now()
	wg.Add(2)
	go get(after)
	go get(after)
	time.Sleep(20 * time.Millisecond)
	if n := g.calls.Load(); n != 1 {
		t.Fatalf("%d fetches while the first is in flight, want 1", n)
	}
	g.release <- struct{}{} // the first listing answers
	waitFor(t, func() bool { return g.calls.Load() == 2 })
	close(g.release)
	wg.Wait()
	if n := g.calls.Load(); n != 2 {
		t.Fatalf("%d fetches, want 2 (one shared by 5 callers, one by the 2 that needed a later one)", n)
	}
	wg.Add(1)
	get(time.Time{})
	if n := g.calls.Load(); n != 2 {
		t.Fatalf("a shared listing within the TTL was fetched again (%d fetches)", n)
	}
	l.invalidate()
	wg.Add(1)
	get(time.Time{})
	if n := g.calls.Load(); n != 3 {
		t.Fatalf("%d fetches after invalidate, want 3", n)
	}
}

// TestListingCacheInvalidatedInFlight: a listing in flight when the client
// changes something is neither shared with later callers nor stored.
func TestListingCacheInvalidatedInFlight(t *testing.T) {
	g := &gatedFetch{release: make(chan struct{})}
	l := newListingCache(time.Minute, g.fetch)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = l.get(context.Background(), time.Time{})
	}()
	waitFor(t, func() bool { return g.calls.Load() == 1 })
	l.invalidate()
	second := make(chan struct{})
	go func() {
		defer close(second)
		_, _ = l.get(context.Background(), time.Time{})
	}()
	waitFor(t, func() bool { return g.calls.Load() == 2 })
	close(g.release)
	<-done
	<-second
	if _, err := l.get(context.Background(), time.Time{}); err != nil || g.calls.Load() != 2 {
		t.Fatalf("%d fetches, %v; want the second listing stored and shared", g.calls.Load(), err)
	}
}

// TestListingCacheWaiterGivesUp: a caller whose context ends stops
// waiting; the listing still answers the others.
func TestListingCacheWaiterGivesUp(t *testing.T) {
	g := &gatedFetch{release: make(chan struct{})}
	l := newListingCache(time.Minute, g.fetch)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { _, err := l.get(ctx, time.Time{}); errc <- err }()
	waitFor(t, func() bool { return g.calls.Load() == 1 })
	cancel() // the caller that sent it gives up
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	close(g.release)
	if ids, err := l.get(context.Background(), time.Time{}); err != nil || !ids["a"] || g.calls.Load() != 1 {
		t.Fatalf("%v, %v, %d fetches; want the first listing, not cancelled with its caller", ids, err, g.calls.Load())
	}
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
	}
}
