package httpclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDoReloginOnceOn401(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	var mu sync.Mutex
	var seen []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		auth := r.Header.Get("Authorization")
		mu.Lock()
		seen = append(seen, auth)
		mu.Unlock()
		if auth != "Token tok-2" {
			writeJSON(w, http.StatusUnauthorized, testErrorBody{Code: "expired"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{})
	})
	logins := &loginCounter{}
	c := newTestClient(t, srv, 3)
	c.SetAuthorizer(&Authorizer{Tokens: NewTokenSource(logins.login, time.Hour), Header: func(tok string) string { return "Token " + tok }})

	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if logins.count() != 2 || calls.Load() != 2 {
		t.Fatalf("logins=%d calls=%d, want 2 and 2", logins.count(), calls.Load())
	}
	if want := []string{"Token tok-1", "Token tok-2"}; strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Fatalf("Authorization headers %q, want %q", seen, want)
	}
	// The re-login saw the rejected token (so a service may use its refresh token).
	if p := logins.previouss[1]; p == nil || p.RefreshToken != "refresh-1" || p.AccessToken != "" {
		t.Fatalf("second login got previous=%+v, want the invalidated token with its refresh token", p)
	}
	// The new token is cached: no more logins.
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil || logins.count() != 2 {
		t.Fatalf("err=%v logins=%d", err, logins.count())
	}
}

func TestDoSecond401IsReturned(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, http.StatusUnauthorized, testErrorBody{Code: "invalid_token", Message: "nope"})
	})
	logins := &loginCounter{}
	c := newTestClient(t, srv, 3)
	c.SetAuthorizer(&Authorizer{Tokens: NewTokenSource(logins.login, time.Hour), Header: func(tok string) string { return "Bearer " + tok }})
	_, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/x"})
	apiErr, ok := AsAPIError(err)
	if !ok || apiErr.StatusCode != http.StatusUnauthorized || apiErr.Code != "invalid_token" {
		t.Fatalf("err = %v, want the 401 APIError", err)
	}
	if logins.count() != 2 || calls.Load() != 2 {
		t.Fatalf("logins=%d calls=%d, want one re-login and one retry (2, 2)", logins.count(), calls.Load())
	}
}

func TestDoNoReloginForAnonymousOrBearerRequests(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	var auths []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		auths = append(auths, r.Header.Get("Authorization"))
		writeJSON(w, http.StatusUnauthorized, testErrorBody{})
	})
	logins := &loginCounter{}
	c := newTestClient(t, srv, 3)
	c.SetAuthorizer(&Authorizer{Tokens: NewTokenSource(logins.login, time.Hour), Header: func(tok string) string { return "Bearer " + tok }})
	for _, req := range []Request{
		{Method: http.MethodPost, Path: "/login", Anonymous: true, SafeToRetry: true},
		{Method: http.MethodGet, Path: "/refresh", BearerToken: "intermediate"},
	} {
		if _, err := c.Do(context.Background(), req); !HasStatus(err, http.StatusUnauthorized) {
			t.Fatalf("%s: err = %v, want 401", req.Path, err)
		}
	}
	if logins.count() != 0 || calls.Load() != 2 {
		t.Fatalf("logins=%d calls=%d, want 0 and 2", logins.count(), calls.Load())
	}
	if auths[0] != "" || auths[1] != "Bearer intermediate" {
		t.Fatalf("Authorization headers %q", auths)
	}
}

func TestDoLoginErrorIsReturned(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	boom := errors.New("bad credentials")
	c := newTestClient(t, srv, 3)
	c.SetAuthorizer(&Authorizer{Tokens: NewTokenSource((&loginCounter{err: boom}).login, time.Hour), Header: func(tok string) string { return tok }})
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the login error", err)
	}
	if calls.Load() != 0 {
		t.Fatalf("a request was sent without a token")
	}
}

// TestDoRenewsATokenThatExpiresDuringRetries: a 401, a renewal, a 503 while
// another caller renews the token again, then a 401 on that third token:
// each expired token is renewed (the call is not failed because it already
// renewed once), and the call succeeds.
func TestDoRenewsATokenThatExpiresDuringRetries(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	logins := &loginCounter{}
	src := NewTokenSource(logins.login, time.Hour)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch n := calls.Add(1); {
		case n == 1: // tok-1 expired
			writeJSON(w, http.StatusUnauthorized, testErrorBody{Code: "expired"})
		case n == 2: // tok-2 accepted, the service fails, and another caller renews the token
			src.Invalidate("tok-2")
			writeJSON(w, http.StatusServiceUnavailable, testErrorBody{Code: "down"})
		case n == 3: // tok-3 expired in flight
			writeJSON(w, http.StatusUnauthorized, testErrorBody{Code: "expired"})
		default:
			writeJSON(w, http.StatusOK, map[string]any{})
		}
	})
	c := newTestClient(t, srv, 3)
	c.SetAuthorizer(&Authorizer{Tokens: src, Header: func(tok string) string { return "Token " + tok }})
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatalf("Do: %v (after %d requests)", err, calls.Load())
	}
	if calls.Load() != 4 || logins.count() != 4 {
		t.Fatalf("calls=%d logins=%d, want 4 and 4", calls.Load(), logins.count())
	}
}
