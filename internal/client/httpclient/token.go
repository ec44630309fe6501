package httpclient

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"sync"
	"time"
)

// Token is an access token with what is known of its lifetime.
type Token struct {
	// AccessToken is the value sent in the Authorization header.
	AccessToken string
	// Expiry is when the token stops working; zero when unknown.
	Expiry time.Time
	// RefreshToken, when the API issues one, renews the access token
	// without the credentials.
	RefreshToken string
	// RefreshExpiry is when RefreshToken stops working; zero when unknown.
	RefreshExpiry time.Time
}

// earlyFraction bounds the early-renewal margin to this fraction of a
// token's lifetime.
const earlyFraction = 50

// LoginFunc obtains a new token. previous is the token being replaced (nil at
// the first login) so that a service can use its refresh token.
type LoginFunc func(ctx context.Context, previous *Token) (*Token, error)

// TokenSource caches a token and renews it through a LoginFunc: lazily at the
// first use, early before it expires, and on demand after a 401. One renewal
// is in flight at a time however many goroutines ask for the token.
type TokenSource struct {
	login LoginFunc
	// early is how long before Expiry the token is renewed, at most.
	early time.Duration
	// fixedMargin, when set, replaces early and the lifetime fraction.
	fixedMargin time.Duration
	// fallbackLifetime is assumed when the login did not say when the token expires.
	fallbackLifetime time.Duration
	now              func() time.Time

	// loginBudget is the retry budget of one login (all its steps); zero
	// means DefaultMaxRetryDuration.
	loginBudget time.Duration

	sem      chan struct{} // a one-slot semaphore: held while renewing
	mu       sync.Mutex    // guards current, obtained, logins, failure and failedAt
	current  *Token
	obtained time.Time // when current was obtained
	logins   int
	failure  error     // the last login's failure, if it failed
	failedAt time.Time // when it failed

	// issued holds the tokens obtained in this process, for redaction.
	issued credentialSet
}

// NewTokenSource returns a TokenSource that renews tokens with login.
// fallbackLifetime is assumed for tokens whose expiry is unknown.
func NewTokenSource(login LoginFunc, fallbackLifetime time.Duration) *TokenSource {
	return &TokenSource{
		login:            login,
		early:            10 * time.Second,
		fallbackLifetime: fallbackLifetime,
		now:              time.Now,
		sem:              make(chan struct{}, 1),
	}
}

// Token returns a valid access token, logging in or renewing if needed.
// Within loginFailureMemory of a failed login it returns that failure at
// once (as a *RememberedLoginError) instead of logging in again.
func (s *TokenSource) Token(ctx context.Context) (string, error) {
	if tok := s.valid(); tok != "" {
		return tok, nil
	}
	if err := s.rememberedFailure(); err != nil {
		return "", err
	}
	if err := s.acquire(ctx); err != nil {
		return "", err
	}
	defer s.release()
	// Another goroutine may have renewed the token while this one waited.
	if tok := s.valid(); tok != "" {
		return tok, nil
	}
	next, err := s.renewHeld(ctx)
	if err != nil {
		return "", err
	}
	return next.AccessToken, nil
}

// renewHeld obtains a new token through the LoginFunc, given the current one
// as previous, and caches it. The caller holds sem. The login runs on a
// retry budget of its own: its outcome is shared by every caller waiting for
// it, so it must not be cut short by the budget of whichever call started
// it. A failure is remembered (see rememberedFailure) unless ctx ended. A
// step of the login that asks s for a token fails at once (see acquire).
func (s *TokenSource) renewHeld(ctx context.Context) (*Token, error) {
	if err := s.rememberedFailure(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	previous := s.current
	loginBudget := cmp.Or(s.loginBudget, DefaultMaxRetryDuration)
	s.mu.Unlock()
	next, err := s.login(s.loginContext(ctx, newBudget(loginBudget)), previous)
	if err != nil {
		if ctx.Err() == nil && !cutByCallerDeadline(ctx, err) {
			s.rememberFailure(err)
		}
		return nil, err
	}
	s.issued.add(next.AccessToken, next.RefreshToken)
	now := s.now()
	if !next.Expiry.After(now) {
		// Unknown, or already past by our clock (clock skew): assume the
		// fallback lifetime rather than logging in again at every call; a
		// 401 still renews it.
		next.Expiry = now.Add(s.fallbackLifetime)
	}
	s.mu.Lock()
	s.current = next
	s.obtained = now
	s.logins++
	s.failure = nil
	s.mu.Unlock()
	return next, nil
}

// setLoginBudget sets the retry budget of one login.
func (s *TokenSource) setLoginBudget(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loginBudget = d
}

// setFixedMargin makes the source renew tokens margin before they expire.
func (s *TokenSource) setFixedMargin(margin time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fixedMargin = margin
}

// Invalidate forgets token if it is still the cached one, so that the next
// call to Token renews it. Parallel callers that saw the same rejected token
// cause a single renewal.
func (s *TokenSource) Invalidate(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current != nil && s.current.AccessToken == token {
		// Keep the refresh token: a refresh may still work after a 401.
		s.current = &Token{RefreshToken: s.current.RefreshToken, RefreshExpiry: s.current.RefreshExpiry}
	}
}

// Logins returns how many tokens this source has obtained.
func (s *TokenSource) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

func (s *TokenSource) valid() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current == nil || s.current.AccessToken == "" {
		return ""
	}
	// Renew a little early (for clock skew and requests in flight), but by
	// no more than a fiftieth of the token's lifetime, so that every token
	// serves at least 98% of its life: about one login per lifetime, even
	// for short-lived tokens. A token that expires in flight costs one 401
	// and the same single renewal.
	early := min(s.early, s.current.Expiry.Sub(s.obtained)/earlyFraction)
	if s.fixedMargin > 0 {
		early = s.fixedMargin
	}
	if !s.current.Expiry.IsZero() && s.now().Add(early).After(s.current.Expiry) {
		return ""
	}
	return s.current.AccessToken
}

// UsableRefreshToken returns the refresh token of previous if it has one
// that has not expired.
func UsableRefreshToken(previous *Token, now time.Time) string {
	if previous == nil || previous.RefreshToken == "" {
		return ""
	}
	if !previous.RefreshExpiry.IsZero() && now.After(previous.RefreshExpiry) {
		return ""
	}
	return previous.RefreshToken
}

// JWTExpiry reads the exp claim of a JWT without verifying it. It returns the
// zero time when the token is not a readable JWT (for example when its
// payload is encrypted) or has no exp claim.
func JWTExpiry(token string) time.Time {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return time.Time{}
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return time.Time{}
	}
	var claims struct {
		Exp json.Number `json:"exp"`
	}
	if json.Unmarshal(payload, &claims) != nil || claims.Exp == "" {
		return time.Time{}
	}
	seconds, err := claims.Exp.Float64()
	if err != nil || seconds <= 0 {
		return time.Time{}
	}
	return time.Unix(int64(seconds), 0)
}
