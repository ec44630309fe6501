// Package secretlog keeps the secret values an emulated service has handed
// out (access and refresh tokens, SCIM tokens, signing keys...), so that
// tests can look for them where they must never appear, such as the
// provider's logs. It is shared by the emulator's packages only.
package secretlog

import "sync"

// DefaultCapacity is how many values a Log made by New(0) keeps.
const DefaultCapacity = 100_000

// Log is a bounded, concurrency-safe list of secret values: once full, each
// new value replaces the oldest one. The zero value is not usable; use New.
type Log struct {
	mu     sync.Mutex
	values []string // ring buffer, len <= capacity
	next   int      // index of the oldest value once the ring is full
	limit  int
}

// New returns an empty Log keeping the last capacity values
// (DefaultCapacity when capacity <= 0).
func New(capacity int) *Log {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	return &Log{limit: capacity}
}

// Add records values; empty strings are skipped.
func (l *Log) Add(values ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, v := range values {
		if v == "" {
			continue
		}
		if len(l.values) < l.limit {
			l.values = append(l.values, v)
			continue
		}
		l.values[l.next] = v
		l.next = (l.next + 1) % l.limit
	}
}

// All returns the recorded values, oldest first.
func (l *Log) All() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]string, 0, len(l.values))
	out = append(out, l.values[l.next:]...)
	return append(out, l.values[:l.next]...)
}
