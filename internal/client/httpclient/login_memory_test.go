package httpclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loginThrough returns a client for apiURL whose logins are POST /login on
// loginURL, counting the login sequences in sequences.
func loginThrough(t *testing.T, apiURL, loginURL string, sequences *atomic.Int32) *Client {
	t.Helper()
	cfg := Config{Service: "Test", BaseURL: loginURL, Timeout: time.Second, MaxRetries: 100, MaxRetryDuration: 300 * time.Millisecond,
		Secrets: []string{"wrong-S3CRET"}}
	login := New(cfg, decodeTestError)
	cfg.BaseURL = apiURL
	c := New(cfg, decodeTestError)
	c.SetAuthorizer(&Authorizer{
		Tokens: NewTokenSource(func(ctx context.Context, _ *Token) (*Token, error) {
			sequences.Add(1)
			var out struct {
				Token string `json:"token"`
			}
			if _, err := login.Do(ctx, Request{Method: http.MethodPost, Path: "/login", Anonymous: true, SafeToRetry: true,
				Form: url.Values{"secret": {"wrong-S3CRET"}}, Result: &out}); err != nil {
				return nil, err
			}
			return &Token{AccessToken: out.Token}, nil
		}, time.Hour),
		Header: func(tok string) string { return "Bearer " + tok },
	})
	return c
}

// doParallel runs n GETs at once and returns their errors.
func doParallel(c *Client, n int) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/things"})
		}()
	}
	wg.Wait()
	return errs
}

func TestFailedLoginIsRememberedAcrossParallelCalls(t *testing.T) {
	t.Parallel()
	var loginRequests, apiRequests atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			loginRequests.Add(1)
			time.Sleep(20 * time.Millisecond) // so that the others queue behind it
			_ = r.ParseForm()
			writeJSON(w, http.StatusUnauthorized, testErrorBody{Code: "invalid_client", Message: "bad secret " + r.Form.Get("secret")})
			return
		}
		apiRequests.Add(1)
	})
	var sequences atomic.Int32
	c := loginThrough(t, srv.URL, srv.URL, &sequences)
	remembered := 0
	for _, err := range doParallel(c, 20) {
		if !HasStatus(err, http.StatusUnauthorized) || strings.Contains(err.Error(), "S3CRET") {
			t.Fatalf("err = %v, want the login's 401, its secret masked", err)
		}
		var r *RememberedLoginError
		if errors.As(err, &r) {
			remembered++
			if !strings.Contains(err.Error(), "remembered failure of the login at") || !strings.Contains(err.Error(), "bad secret ***") {
				t.Fatalf("message %q does not say it is the remembered failure", err)
			}
		}
	}
	if sequences.Load() != 1 || loginRequests.Load() != 1 || apiRequests.Load() != 0 || remembered != 19 {
		t.Fatalf("%d login sequences, %d login requests, %d API requests, %d remembered: want 1, 1, 0, 19",
			sequences.Load(), loginRequests.Load(), apiRequests.Load(), remembered)
	}
}

func TestUnreachableLoginCostsOneBudget(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_ = l.Close()
	var apiRequests, sequences atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { apiRequests.Add(1) })
	c := loginThrough(t, srv.URL, "http://"+l.Addr().String(), &sequences)
	started := time.Now()
	for _, err := range doParallel(c, 20) {
		if err == nil || !strings.Contains(err.Error(), "connection refused") {
			t.Fatalf("err = %v, want the login's connection refused", err)
		}
	}
	if took := time.Since(started); took > 300*time.Millisecond+loadSlack {
		t.Fatalf("20 calls took %v behind an unreachable login with a 300ms budget", took)
	}
	if sequences.Load() != 1 || apiRequests.Load() != 0 {
		t.Fatalf("%d login sequences, %d API requests: want 1 and 0", sequences.Load(), apiRequests.Load())
	}
}

func TestCanceledLoginIsNotRemembered(t *testing.T) {
	t.Parallel()
	var logins atomic.Int32
	src := NewTokenSource(func(ctx context.Context, _ *Token) (*Token, error) {
		if logins.Add(1) == 1 {
			<-ctx.Done() // the first login outlives its caller's deadline
			return nil, ctx.Err()
		}
		return &Token{AccessToken: "tok-2"}, nil
	}, time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := src.Token(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if tok, err := src.Token(context.Background()); err != nil || tok != "tok-2" {
		t.Fatalf("after the caller's own deadline: %q, %v; want a new login", tok, err)
	}
}

func TestLoginRunsOnABudgetOfItsOwn(t *testing.T) {
	t.Parallel()
	caller := newBudget(time.Millisecond)
	time.Sleep(2 * time.Millisecond)
	var got *budget
	src := NewTokenSource(func(ctx context.Context, _ *Token) (*Token, error) {
		got = budgetFrom(ctx)
		return &Token{AccessToken: "tok"}, nil
	}, time.Hour)
	src.setLoginBudget(time.Minute)
	if _, err := src.Token(withBudget(context.Background(), caller)); err != nil {
		t.Fatal(err)
	}
	if got == nil || got == caller || got.total != time.Minute || got.spent(time.Now()) {
		t.Fatalf("the login ran on %+v, want a fresh one-minute budget", got)
	}
}

// TestLoginStepWithoutTokenFailsInsteadOfWaitingForItself: a login step
// whose previous step gave no token would ask the token source for the
// token being renewed, and wait for its own login forever.
func TestLoginStepWithoutTokenFailsInsteadOfWaitingForItself(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, map[string]string{}) })
	c := newTestClient(t, srv, 0)
	c.SetAuthorizer(&Authorizer{Tokens: NewTokenSource(func(ctx context.Context, _ *Token) (*Token, error) {
		// The first step answered no token: the second carries none.
		_, err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/login/step2", SafeToRetry: true, BearerToken: ""})
		return nil, err
	}, time.Hour), Header: func(tok string) string { return "Bearer " + tok }})
	done := make(chan error, 1)
	go func() { _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, errTokenInOwnLogin) {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the login waited for itself")
	}
}

// TestLoginCutByTheCallersDeadlineIsNotRemembered: a login that fails
// because its caller's deadline is near (the rate limiter refuses a turn
// after it) says nothing of the endpoint: the next caller logs in again.
func TestLoginCutByTheCallersDeadlineIsNotRemembered(t *testing.T) {
	t.Parallel()
	logins := 0
	source := NewTokenSource(func(ctx context.Context, _ *Token) (*Token, error) {
		logins++
		if _, hasDeadline := ctx.Deadline(); hasDeadline {
			return nil, fmt.Errorf("%w: rate: Wait(n=1) would exceed context deadline", context.DeadlineExceeded)
		}
		return &Token{AccessToken: "fresh-token", Expiry: time.Now().Add(time.Hour)}, nil
	}, time.Hour)
	short, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := source.Token(short); err == nil {
		t.Fatal("the login cut by the caller's deadline succeeded")
	}
	token, err := source.Token(context.Background())
	if err != nil || token != "fresh-token" || logins != 2 {
		t.Fatalf("token %q, err %v after %d logins: the cut login was remembered", token, err, logins)
	}
}
