package cyrisma

import (
	"context"
	"sync"
	"time"
)

// ListingTTL is how long one full listing of the structure (GET
// /partner/instances/info) answers, for every instance this client reads,
// whether the instance is suspended: the API reports no status, and a
// suspended instance is one missing from the full listing. A refresh of N
// active instances then costs N reads by id plus one listing per
// ListingTTL, instead of N listings; each suspended instance may add one,
// shared with the others read at the same time (its absence only counts
// on a listing sent after its own read: see withSuspension). The client's
// own creates, suspensions and reactivations discard it at once; a change
// made elsewhere shows at most ListingTTL late within one provider process
// (and Terraform starts a new process for every command).
const ListingTTL = 5 * time.Second

// listing is the set of instance IDs of one full listing.
type listing map[string]bool

// listingCall is one full listing in flight, shared by every caller that
// may use it (single flight).
type listingCall struct {
	gen     uint64    // the cache generation it was started in
	started time.Time // when its request was sent
	done    chan struct{}
	ids     listing
	err     error
}

// listingCache shares the full listing between the reads of one client.
type listingCache struct {
	ttl   time.Duration
	now   func() time.Time
	fetch func(ctx context.Context) (listing, error)

	mu       sync.Mutex
	gen      uint64    // incremented by invalidate
	ids      listing   // the shared listing, of generation gen; nil if none
	started  time.Time // when the request of ids was sent
	inflight *listingCall
}

func newListingCache(ttl time.Duration, fetch func(context.Context) (listing, error)) *listingCache {
	return &listingCache{ttl: ttl, now: time.Now, fetch: fetch}
}

// invalidate discards the shared listing and keeps listings already in
// flight from being shared or stored: they may predate a change this client
// just made.
func (l *listingCache) invalidate() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.gen++
	l.ids = nil
}

// generation returns the current generation, for record.
func (l *listingCache) generation() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.gen
}

// record stores a listing fetched outside get (ListInstances), sent at
// started in generation gen, unless the cache was invalidated since or
// holds a newer one.
func (l *listingCache) record(gen uint64, started time.Time, ids listing) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if gen == l.gen && (l.ids == nil || started.After(l.started)) {
		l.ids, l.started = ids, started
	}
}

// get returns a full listing whose request was sent no earlier than
// notBefore (any time, if zero) and less than ttl ago, and not before the
// last invalidate: the shared one when it qualifies, else the one in
// flight when it qualifies, else a new one, which later callers share.
func (l *listingCache) get(ctx context.Context, notBefore time.Time) (listing, error) {
	for {
		l.mu.Lock()
		now := l.now()
		if l.ids != nil && now.Sub(l.started) < l.ttl && !l.started.Before(notBefore) {
			ids := l.ids
			l.mu.Unlock()
			return ids, nil
		}
		call := l.inflight
		switch {
		case call != nil && call.gen == l.gen && !call.started.Before(notBefore):
			// Share the listing in flight.
		case call != nil && call.gen == l.gen:
			// It was sent too early for this caller: wait for it, then
			// send the next one, which every caller waiting now shares.
			l.mu.Unlock()
			if err := wait(ctx, call); err != nil {
				return nil, err
			}
			continue
		default:
			call = &listingCall{gen: l.gen, started: now, done: make(chan struct{})}
			l.inflight = call
			go l.run(context.WithoutCancel(ctx), call)
		}
		l.mu.Unlock()
		if err := wait(ctx, call); err != nil {
			return nil, err
		}
		return call.ids, call.err
	}
}

// run sends the listing request of call and stores its answer if no
// invalidate happened meanwhile. It runs apart from the caller that
// started it, on a context that caller's cancellation does not reach, so
// that the callers sharing it do not fail because that one gave up; the
// HTTP layer's request timeout and retry budget bound it.
func (l *listingCache) run(ctx context.Context, call *listingCall) {
	ids, err := l.fetch(ctx)
	l.mu.Lock()
	call.ids, call.err = ids, err
	if l.inflight == call {
		l.inflight = nil
	}
	if err == nil && call.gen == l.gen && (l.ids == nil || !call.started.Before(l.started)) {
		l.ids, l.started = ids, call.started
	}
	l.mu.Unlock()
	close(call.done)
}

// wait waits for call to finish, or for ctx to end.
func wait(ctx context.Context, call *listingCall) error {
	select {
	case <-call.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
