package httpclient

import (
	"context"
	"encoding/base64"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestTokenSourceSingleFlight(t *testing.T) {
	t.Parallel()
	logins := &loginCounter{delay: 50 * time.Millisecond}
	src := NewTokenSource(logins.login, time.Hour)
	var wg sync.WaitGroup
	tokens := make([]string, 50)
	errs := make([]error, 50)
	start := make(chan struct{})
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			tokens[i], errs[i] = src.Token(context.Background())
		}()
	}
	close(start)
	wg.Wait()
	for i := range 50 {
		if errs[i] != nil || tokens[i] != "tok-1" {
			t.Fatalf("goroutine %d: %q, %v", i, tokens[i], errs[i])
		}
	}
	if logins.count() != 1 || src.Logins() != 1 {
		t.Fatalf("50 concurrent callers caused %d logins (Logins()=%d), want 1", logins.count(), src.Logins())
	}
}

// fakeClock is a settable clock for TokenSource.now.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

func TestTokenSourceRenewsEarly(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	var previous []*Token
	n := 0
	src := NewTokenSource(func(_ context.Context, prev *Token) (*Token, error) {
		n++
		previous = append(previous, prev)
		return &Token{AccessToken: string(rune('a' + n - 1)), Expiry: clock.Now().Add(10 * time.Minute)}, nil
	}, time.Hour)
	src.now = clock.Now
	ctx := context.Background()

	mustToken := func(want string) {
		t.Helper()
		got, err := src.Token(ctx)
		if err != nil || got != want {
			t.Fatalf("Token() = %q, %v; want %q", got, err, want)
		}
	}
	mustToken("a")
	clock.Advance(10*time.Minute - src.early - time.Second)
	mustToken("a") // still comfortably valid
	clock.Advance(2 * time.Second)
	mustToken("b") // within the early-renewal margin: renewed before it expires
	if previous[0] != nil || previous[1] == nil || previous[1].AccessToken != "a" {
		t.Fatalf("login got previous tokens %+v, want nil then the expiring one", previous)
	}
	if src.Logins() != 2 {
		t.Fatalf("Logins() = %d", src.Logins())
	}
}

func TestTokenSourceShortLivedTokenIsReused(t *testing.T) {
	t.Parallel()
	// A token that lives less than the early-renewal margin must still be
	// used for a while, not renewed at every call.
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	logins := 0
	src := NewTokenSource(func(context.Context, *Token) (*Token, error) {
		logins++
		return &Token{AccessToken: "short", Expiry: clock.Now().Add(2 * time.Second)}, nil
	}, time.Hour)
	src.now = clock.Now
	for range 10 {
		if _, err := src.Token(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if logins != 1 {
		t.Fatalf("10 calls within a 2 s token's lifetime caused %d logins, want 1", logins)
	}
	clock.Advance(1900 * time.Millisecond)
	if _, err := src.Token(context.Background()); err != nil || logins != 1 {
		t.Fatalf("err=%v logins=%d: a token with 5%% of its life left is still used", err, logins)
	}
	clock.Advance(70 * time.Millisecond)
	if _, err := src.Token(context.Background()); err != nil || logins != 2 {
		t.Fatalf("err=%v logins=%d: a token within its last fiftieth should be renewed", err, logins)
	}
}

func TestTokenSourceOneLoginPerLifetime(t *testing.T) {
	t.Parallel()
	// Calls every 10 ms for 100 lifetimes of a 5 s token: about 100 logins
	// (each token serves at least 98% of its life), never two per lifetime.
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	src := NewTokenSource(func(context.Context, *Token) (*Token, error) {
		return &Token{AccessToken: "t", Expiry: clock.Now().Add(5 * time.Second)}, nil
	}, time.Hour)
	src.now = clock.Now
	for range 100 * 500 {
		if _, err := src.Token(context.Background()); err != nil {
			t.Fatal(err)
		}
		clock.Advance(10 * time.Millisecond)
	}
	if got := src.Logins(); got < 100 || got > 103 {
		t.Fatalf("%d logins over 100 token lifetimes, want 100 to 103", got)
	}
}

func TestTokenSourceExpiryAlreadyPast(t *testing.T) {
	t.Parallel()
	// An expiry already past when the token arrives (clock skew) is treated
	// as unknown rather than causing a login at every call; a 401 still
	// renews the token.
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	logins := 0
	src := NewTokenSource(func(context.Context, *Token) (*Token, error) {
		logins++
		return &Token{AccessToken: "skewed", Expiry: clock.Now().Add(-time.Minute)}, nil
	}, 5*time.Minute)
	src.now = clock.Now
	for range 5 {
		if tok, err := src.Token(context.Background()); err != nil || tok != "skewed" {
			t.Fatalf("Token() = %q, %v", tok, err)
		}
	}
	if logins != 1 {
		t.Fatalf("logins = %d, want 1", logins)
	}
	clock.Advance(5 * time.Minute)
	if _, err := src.Token(context.Background()); err != nil || logins != 2 {
		t.Fatalf("err=%v logins=%d: the fallback lifetime should apply", err, logins)
	}
}

func TestTokenSourceFallbackLifetime(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	logins := &loginCounter{} // expiry unknown
	src := NewTokenSource(logins.login, 5*time.Minute)
	src.now = clock.Now
	ctx := context.Background()
	if tok, _ := src.Token(ctx); tok != "tok-1" {
		t.Fatalf("Token() = %q", tok)
	}
	clock.Advance(5*time.Minute - 7*time.Second) // the margin is 6 s (a fiftieth)
	if tok, _ := src.Token(ctx); tok != "tok-1" {
		t.Fatalf("Token() = %q before the fallback lifetime ended", tok)
	}
	clock.Advance(2 * time.Second)
	if tok, _ := src.Token(ctx); tok != "tok-2" {
		t.Fatalf("Token() = %q, want a renewal at the end of the fallback lifetime", tok)
	}
}

func TestTokenSourceInvalidate(t *testing.T) {
	t.Parallel()
	logins := &loginCounter{}
	src := NewTokenSource(logins.login, time.Hour)
	ctx := context.Background()
	first, _ := src.Token(ctx)

	src.Invalidate("some-other-token") // not the cached one: no effect
	if tok, _ := src.Token(ctx); tok != first || logins.count() != 1 {
		t.Fatalf("Invalidate of another token renewed the cached one (%q, %d logins)", tok, logins.count())
	}

	src.Invalidate(first)
	second, _ := src.Token(ctx)
	if second == first || logins.count() != 2 {
		t.Fatalf("after Invalidate: %q, %d logins", second, logins.count())
	}
	// A late Invalidate of the old token (another goroutine that saw the
	// same 401) does not throw the new one away.
	src.Invalidate(first)
	if tok, _ := src.Token(ctx); tok != second || logins.count() != 2 {
		t.Fatalf("a stale Invalidate renewed again (%q, %d logins)", tok, logins.count())
	}
	// The refresh token survives the invalidation.
	src.Invalidate(second)
	_, _ = src.Token(ctx)
	if p := logins.previouss[2]; p == nil || p.RefreshToken != "refresh-2" || p.AccessToken != "" {
		t.Fatalf("login after Invalidate got previous %+v", p)
	}
	// Invalidate before any login is harmless.
	NewTokenSource(logins.login, time.Hour).Invalidate("x")
}

func TestTokenSourceContextCancelledWhileWaiting(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan struct{})
	src := NewTokenSource(func(ctx context.Context, _ *Token) (*Token, error) {
		close(started)
		<-release
		return &Token{AccessToken: "slow"}, nil
	}, time.Hour)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if tok, err := src.Token(context.Background()); err != nil || tok != "slow" {
			t.Errorf("first caller: %q, %v", tok, err)
		}
	}()
	<-started

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := src.Token(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting caller: err = %v, want DeadlineExceeded", err)
	}
	close(release)
	<-done
	if tok, err := src.Token(context.Background()); err != nil || tok != "slow" || src.Logins() != 1 {
		t.Fatalf("after the login: %q, %v, %d logins", tok, err, src.Logins())
	}
}

func TestTokenSourceLoginError(t *testing.T) {
	t.Parallel()
	boom := errors.New("denied")
	fail := true
	src := NewTokenSource(func(context.Context, *Token) (*Token, error) {
		if fail {
			return nil, boom
		}
		return &Token{AccessToken: "ok"}, nil
	}, time.Hour)
	clock := &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	src.now = clock.Now
	if _, err := src.Token(context.Background()); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	fail = false
	// Within loginFailureMemory the failure is remembered, not retried.
	clock.Advance(loginFailureMemory - time.Second)
	var remembered *RememberedLoginError
	if _, err := src.Token(context.Background()); !errors.As(err, &remembered) || !errors.Is(err, boom) || src.Logins() != 0 {
		t.Fatalf("err = %v, logins %d: want the remembered failure", err, src.Logins())
	}
	// After it, the next call logs in again.
	clock.Advance(time.Second)
	if tok, err := src.Token(context.Background()); err != nil || tok != "ok" || src.Logins() != 1 {
		t.Fatalf("%q, %v, %d", tok, err, src.Logins())
	}
}

func TestUsableRefreshToken(t *testing.T) {
	t.Parallel()
	now := time.Now()
	tests := []struct {
		name string
		prev *Token
		want string
	}{
		{"nil", nil, ""},
		{"none", &Token{AccessToken: "a"}, ""},
		{"no expiry", &Token{RefreshToken: "r"}, "r"},
		{"valid", &Token{RefreshToken: "r", RefreshExpiry: now.Add(time.Minute)}, "r"},
		{"expired", &Token{RefreshToken: "r", RefreshExpiry: now.Add(-time.Minute)}, ""},
	}
	for _, tt := range tests {
		if got := UsableRefreshToken(tt.prev, now); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestJWTExpiry(t *testing.T) {
	t.Parallel()
	header := b64(`{"alg":"HS256","typ":"JWT"}`)
	tests := []struct {
		name  string
		token string
		want  time.Time
	}{
		// A real HS256 JWT (jwt.io example with exp added), signature irrelevant.
		{"real", header + "." + b64(`{"sub":"1234567890","name":"John Doe","iat":1516239022,"exp":1893456000}`) + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", time.Unix(1893456000, 0)},
		{"padded payload", header + "." + base64.URLEncoding.EncodeToString([]byte(`{"exp":1700000000}`)) + ".sig", time.Unix(1700000000, 0)},
		{"float exp", header + "." + b64(`{"exp":1700000000.9}`) + ".sig", time.Unix(1700000000, 0)},
		{"no exp", header + "." + b64(`{"sub":"x"}`) + ".sig", time.Time{}},
		{"zero exp", header + "." + b64(`{"exp":0}`) + ".sig", time.Time{}},
		{"string exp", header + "." + b64(`{"exp":"soon"}`) + ".sig", time.Time{}},
		{"payload not JSON", header + "." + b64(`not json`) + ".sig", time.Time{}},
		{"payload not base64", header + ".!!!.sig", time.Time{}},
		{"garbage", "garbage", time.Time{}},
		{"empty", "", time.Time{}},
		{"opaque", "AbCdEfGhIjKl20250101120000", time.Time{}},
		// A JWE (encrypted claims) has five parts and an unreadable payload.
		{"encrypted", b64(`{"alg":"RSA-OAEP","enc":"A256GCM"}`) + ".OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ", time.Time{}},
		{"encrypted three parts", header + "." + b64("\x8f\x01\xfe\xaa binary ciphertext") + ".tag", time.Time{}},
	}
	for _, tt := range tests {
		if got := JWTExpiry(tt.token); !got.Equal(tt.want) {
			t.Errorf("%s: JWTExpiry = %v, want %v", tt.name, got, tt.want)
		}
	}
}
