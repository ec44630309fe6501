package cyrisma

import (
	"crypto/subtle"
	"sync"
	"time"
)

// tokenStampLayout is Go's spelling of yyyyMMddHHmmss.
const tokenStampLayout = "20060102150405"

// authStore holds the partner credentials and the issued tokens.
type authStore struct {
	mu      sync.Mutex
	apiKey  string
	secret  string
	access  map[string]time.Time // access token -> expiry
	refresh map[string]time.Time // refresh token -> expiry
}

// newAuthStore returns a store accepting apiKey/secret.
func newAuthStore(apiKey, secret string) *authStore {
	return &authStore{
		apiKey:  apiKey,
		secret:  secret,
		access:  map[string]time.Time{},
		refresh: map[string]time.Time{},
	}
}

// checkCredentials reports whether username/password are the partner's
// current API key and secret.
func (a *authStore) checkCredentials(username, password string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	u := subtle.ConstantTimeCompare([]byte(username), []byte(a.apiKey))
	p := subtle.ConstantTimeCompare([]byte(password), []byte(a.secret))
	return u&p == 1
}

// currentSecret returns the secret currently accepted at login.
func (a *authStore) currentSecret() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.secret
}

// rotateSecret replaces the secret with a new random 43-character one and
// returns it. Tokens already issued stay valid.
func (a *authStore) rotateSecret() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.secret = randomString(43, alphanumerics)
	return a.secret
}

// setSecret makes secret the one accepted at login (a seeded secret).
// Tokens already issued stay valid.
func (a *authStore) setSecret(secret string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.secret = secret
}

// newToken returns 12 random alphanumerics followed by stamp.
func newToken(stamp string) string {
	return randomString(12, alphanumerics) + stamp
}

// issuePair mints a new access token (lifetime ttl) and a new refresh token
// (lifetime 24 h) sharing the same timestamp suffix.
func (a *authStore) issuePair(now time.Time, ttl time.Duration) (access, refresh string) {
	stamp := now.UTC().Format(tokenStampLayout)
	access, refresh = newToken(stamp), newToken(stamp)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.prune(now)
	a.access[access] = now.Add(ttl)
	a.refresh[refresh] = now.Add(refreshTokenTTL)
	return access, refresh
}

// refreshAccess mints a new access token for a valid refresh token; ok is
// false when the refresh token is unknown or expired. The refresh token is
// not rotated and keeps its original expiry.
func (a *authStore) refreshAccess(now time.Time, ttl time.Duration, rt string) (access string, ok bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	exp, found := a.refresh[rt]
	if !found || !now.Before(exp) {
		return "", false
	}
	access = newToken(now.UTC().Format(tokenStampLayout))
	a.access[access] = now.Add(ttl)
	return access, true
}

// validAccess reports whether token is a known, unexpired access token.
func (a *authStore) validAccess(now time.Time, token string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	exp, found := a.access[token]
	return found && now.Before(exp)
}

// prune drops expired tokens; the caller holds mu.
func (a *authStore) prune(now time.Time) {
	for t, exp := range a.access {
		if !now.Before(exp) {
			delete(a.access, t)
		}
	}
	for t, exp := range a.refresh {
		if !now.Before(exp) {
			delete(a.refresh, t)
		}
	}
}
