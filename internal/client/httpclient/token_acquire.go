package httpclient

import (
	"context"
	"errors"
)

// errTokenInOwnLogin is returned when a step of a login asks its own token
// source for a token: the renewal it would wait for is the very login that
// asks, so it would wait forever. It happens when a login step's answer
// lacked the token the next step should carry (as BearerToken).
var errTokenInOwnLogin = errors.New("a login step asked for the token its own login is obtaining (the previous step's answer had no token to carry)")

// loginKey marks the context of a login with its token source.
type loginKey struct{}

// acquire takes the renewal semaphore, unless ctx ends first or ctx is one
// of s's own logins (then it fails at once instead of waiting for itself).
// The caller releases it with release.
func (s *TokenSource) acquire(ctx context.Context) error {
	if owner, _ := ctx.Value(loginKey{}).(*TokenSource); owner == s {
		return errTokenInOwnLogin
	}
	select {
	case s.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *TokenSource) release() { <-s.sem }

// loginContext is the context a login runs on: marked as s's, with a retry
// budget of its own.
func (s *TokenSource) loginContext(ctx context.Context, budget *budget) context.Context {
	return context.WithValue(withBudget(ctx, budget), loginKey{}, s)
}
