package httpclient

import "context"

// Current returns the cached token for hand-over to another tool, with at
// least half of its lifetime left: it logs in first when there is no token,
// and renews a token past its half-life (through the LoginFunc, given the
// previous token, so that a service's refresh is used where it has one).
// The returned Expiry is the one the source works with: the token's own
// when the login read it, otherwise the assumed fallback lifetime.
func (s *TokenSource) Current(ctx context.Context) (Token, error) {
	if _, err := s.Token(ctx); err != nil {
		return Token{}, err
	}
	if tok, ok := s.fresh(); ok {
		return tok, nil
	}
	if err := s.acquire(ctx); err != nil {
		return Token{}, err
	}
	defer s.release()
	// Another goroutine may have renewed the token while this one waited.
	if tok, ok := s.fresh(); ok {
		return tok, nil
	}
	next, err := s.renewHeld(ctx)
	if err != nil {
		return Token{}, err
	}
	return *next, nil
}

// fresh returns a copy of the cached token if it is in the first half of
// its lifetime.
func (s *TokenSource) fresh() (Token, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current == nil || s.current.AccessToken == "" {
		return Token{}, false
	}
	halfLife := s.obtained.Add(s.current.Expiry.Sub(s.obtained) / 2)
	if s.current.Expiry.IsZero() || s.now().Before(halfLife) {
		return *s.current, true
	}
	return Token{}, false
}
