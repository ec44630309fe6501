package httpclient

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestTokenSourceCurrent(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	var previous []string
	n := 0
	src := NewTokenSource(func(_ context.Context, prev *Token) (*Token, error) {
		n++
		if prev != nil {
			previous = append(previous, prev.AccessToken)
		}
		return &Token{AccessToken: string(rune('a' + n - 1)), Expiry: clock.Now().Add(10 * time.Minute)}, nil
	}, time.Hour)
	src.now = clock.Now
	ctx := context.Background()

	mustCurrent := func(want string, wantExpiry time.Time) {
		t.Helper()
		got, err := src.Current(ctx)
		if err != nil || got.AccessToken != want || !got.Expiry.Equal(wantExpiry) {
			t.Fatalf("Current() = %+v, %v; want %q expiring %s", got, err, want, wantExpiry)
		}
	}
	start := clock.Now()
	mustCurrent("a", start.Add(10*time.Minute)) // logs in lazily
	clock.Advance(4 * time.Minute)
	mustCurrent("a", start.Add(10*time.Minute)) // first half of its life: handed over as is
	clock.Advance(2 * time.Minute)
	// Past its half-life, although Token would still use it: renewed with
	// the previous token given to the login (where a refresh can use it).
	if tok, err := src.Token(ctx); err != nil || tok != "a" {
		t.Fatalf("Token() = %q, %v", tok, err)
	}
	mustCurrent("b", clock.Now().Add(10*time.Minute))
	if len(previous) != 1 || previous[0] != "a" || src.Logins() != 2 {
		t.Fatalf("previous tokens %v, logins %d", previous, src.Logins())
	}
}

func TestTokenSourceCurrentUnknownExpiry(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	src := NewTokenSource(func(context.Context, *Token) (*Token, error) {
		return &Token{AccessToken: "opaque"}, nil
	}, time.Hour)
	src.now = clock.Now
	got, err := src.Current(context.Background())
	if err != nil || got.AccessToken != "opaque" || !got.Expiry.Equal(clock.Now().Add(time.Hour)) {
		t.Fatalf("Current() = %+v, %v; want the fallback lifetime", got, err)
	}
}

func TestTokenSourceCurrentErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	src := NewTokenSource(func(context.Context, *Token) (*Token, error) { return nil, boom }, time.Hour)
	if _, err := src.Current(context.Background()); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := src.Current(ctx); err == nil {
		t.Fatal("a cancelled context must fail")
	}
}
