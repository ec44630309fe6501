package httpclient

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// failingHandler answers status (with Retry-After: 0 so that retries are
// immediate) to the first `failures` requests and 200 {"ok":true} after.
func failingHandler(t *testing.T, calls *atomic.Int32, failures int32, status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		if n <= failures {
			if status == 0 {
				dropConnection(t, w)
				return
			}
			w.Header().Set("Retry-After", "0")
			writeJSON(w, status, testErrorBody{Code: "boom", Message: "attempt failed"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	}
}

func TestDoRetriesIdempotentRequests(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		for _, status := range []int{http.StatusServiceUnavailable, http.StatusInternalServerError, http.StatusTooManyRequests, http.StatusBadGateway, http.StatusGatewayTimeout} {
			t.Run(method+" "+http.StatusText(status), func(t *testing.T) {
				var calls atomic.Int32
				srv := newServer(t, failingHandler(t, &calls, 1000, status))
				c := newTestClient(t, srv, 3)
				_, err := c.Do(context.Background(), Request{Method: method, Path: "/things/1"})
				apiErr, ok := AsAPIError(err)
				if !ok {
					t.Fatalf("Do error = %v, want an APIError", err)
				}
				var uncertain *UncertainError
				if errors.As(err, &uncertain) {
					t.Fatalf("an idempotent request must not yield an UncertainError: %v", err)
				}
				if apiErr.StatusCode != status || apiErr.Code != "boom" || apiErr.Method != method || apiErr.Path != "/things/1" || apiErr.Service != "Test" {
					t.Fatalf("unexpected APIError %+v", apiErr)
				}
				if got := calls.Load(); got != 4 {
					t.Fatalf("server saw %d requests, want 1 + MaxRetries = 4", got)
				}
			})
		}
	}
}

func TestDoRetrySucceedsEventually(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 2, http.StatusServiceUnavailable))
	c := newTestClient(t, srv, 3)
	var out struct{ OK bool }
	resp, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x", Result: &out})
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if !out.OK || resp.StatusCode != http.StatusOK || calls.Load() != 3 {
		t.Fatalf("out=%+v status=%d calls=%d, want ok after 3 requests", out, resp.StatusCode, calls.Load())
	}
}

func TestDoDoesNotRetryClientErrors(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusBadRequest, http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity, http.StatusNotImplemented} {
		var calls atomic.Int32
		srv := newServer(t, failingHandler(t, &calls, 1000, status))
		c := newTestClient(t, srv, 3)
		_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
		if !HasStatus(err, status) || calls.Load() != 1 {
			t.Fatalf("status %d: err=%v calls=%d, want the APIError after a single request", status, err, calls.Load())
		}
	}
}

func TestDoMaxRetriesZero(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 1000, http.StatusServiceUnavailable))
	c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: -5}, decodeTestError)
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	if !HasStatus(err, http.StatusServiceUnavailable) || calls.Load() != 1 {
		t.Fatalf("err=%v calls=%d, want one request", err, calls.Load())
	}
}

func TestDoRetriesGetOnTransportError(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 1000, 0))
	c := newTestClient(t, srv, 2)
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	if err == nil {
		t.Fatal("Do succeeded against a server that drops every connection")
	}
	var uncertain *UncertainError
	if _, isAPI := AsAPIError(err); isAPI || errors.As(err, &uncertain) {
		t.Fatalf("a transport error on GET should be a plain error, got %T: %v", err, err)
	}
	if !strings.Contains(err.Error(), "Test API: GET /x") {
		t.Fatalf("error %q does not name the service and request", err)
	}
	if got := calls.Load(); got != 3 {
		t.Fatalf("server saw %d requests, want 3", got)
	}

	// And it recovers when the connection works again.
	calls.Store(0)
	srv2 := newServer(t, failingHandler(t, &calls, 1, 0))
	if _, err := newTestClient(t, srv2, 2).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatalf("Do after one dropped connection: %v", err)
	}
}

func TestDoDoesNotRepeatNonIdempotentRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		method string
		status int // 0 = drop the connection
	}{
		{"POST 503", http.MethodPost, http.StatusServiceUnavailable},
		{"POST 500", http.MethodPost, http.StatusInternalServerError},
		{"POST transport error", http.MethodPost, 0},
		{"PATCH 502", http.MethodPatch, http.StatusBadGateway},
		{"PATCH transport error", http.MethodPatch, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := newServer(t, failingHandler(t, &calls, 1000, tt.status))
			c := newTestClient(t, srv, 3)
			_, err := c.Do(context.Background(), Request{Method: tt.method, Path: "/things", Form: url.Values{"name": {"a"}}})
			var uncertain *UncertainError
			if !errors.As(err, &uncertain) {
				t.Fatalf("err = %T %v, want an UncertainError", err, err)
			}
			if uncertain.Method != tt.method || uncertain.Path != "/things" {
				t.Fatalf("UncertainError names %s %s", uncertain.Method, uncertain.Path)
			}
			if !strings.Contains(err.Error(), "may or may not have been applied") {
				t.Fatalf("message %q does not warn about the unknown outcome", err)
			}
			if tt.status != 0 && !HasStatus(err, tt.status) {
				t.Fatalf("the UncertainError should wrap the APIError %d: %v", tt.status, err)
			}
			if got := calls.Load(); got != 1 {
				t.Fatalf("server saw %d requests, want exactly 1", got)
			}
		})
	}
}

func TestDoNonIdempotentClientErrorIsPlainAPIError(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 1000, http.StatusUnprocessableEntity))
	_, err := newTestClient(t, srv, 3).Do(context.Background(), Request{Method: http.MethodPost, Path: "/things"})
	var uncertain *UncertainError
	if errors.As(err, &uncertain) || !HasStatus(err, http.StatusUnprocessableEntity) || calls.Load() != 1 {
		t.Fatalf("err=%T %v calls=%d, want a plain 422 APIError after 1 request", err, err, calls.Load())
	}
}

func TestDoRetriesPostOn429(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 2, http.StatusTooManyRequests))
	if _, err := newTestClient(t, srv, 3).Do(context.Background(), Request{Method: http.MethodPost, Path: "/things"}); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if got := calls.Load(); got != 3 {
		t.Fatalf("server saw %d requests, want 3", got)
	}

	// Still rate limited after every retry: the 429 itself, not an UncertainError.
	calls.Store(0)
	srv = newServer(t, failingHandler(t, &calls, 1000, http.StatusTooManyRequests))
	_, err := newTestClient(t, srv, 2).Do(context.Background(), Request{Method: http.MethodPost, Path: "/things"})
	var uncertain *UncertainError
	if errors.As(err, &uncertain) || !HasStatus(err, http.StatusTooManyRequests) || calls.Load() != 3 {
		t.Fatalf("err=%T %v calls=%d, want a 429 APIError after 3 requests", err, err, calls.Load())
	}
}

func TestDoRetriesSafeToRetryPost(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusServiceUnavailable, 0} {
		var calls atomic.Int32
		srv := newServer(t, failingHandler(t, &calls, 1, status))
		_, err := newTestClient(t, srv, 2).Do(context.Background(), Request{Method: http.MethodPost, Path: "/login", SafeToRetry: true})
		if err != nil || calls.Load() != 2 {
			t.Fatalf("status %d: err=%v calls=%d, want success on the second request", status, err, calls.Load())
		}
	}
	var calls atomic.Int32
	srv := newServer(t, failingHandler(t, &calls, 1000, http.StatusServiceUnavailable))
	_, err := newTestClient(t, srv, 1).Do(context.Background(), Request{Method: http.MethodPatch, Path: "/toggle", SafeToRetry: true})
	var uncertain *UncertainError
	if errors.As(err, &uncertain) || !HasStatus(err, http.StatusServiceUnavailable) || calls.Load() != 2 {
		t.Fatalf("err=%T %v calls=%d, want a plain 503 APIError after 2 requests", err, err, calls.Load())
	}
}

func TestDoHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	var first time.Time
	var gap time.Duration
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusServiceUnavailable, testErrorBody{Code: "busy"})
			return
		}
		gap = time.Since(first)
		writeJSON(w, http.StatusOK, map[string]any{})
	})
	started := time.Now()
	if _, err := newTestClient(t, srv, 1).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if elapsed := time.Since(started); elapsed < time.Second || gap < time.Second {
		t.Fatalf("the retry came after %v (request gap %v), want >= the 1 s Retry-After", elapsed, gap)
	}
	if calls.Load() != 2 {
		t.Fatalf("server saw %d requests, want 2", calls.Load())
	}
}

func TestDoStopsRetryingWhenContextEnds(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		writeJSON(w, http.StatusServiceUnavailable, testErrorBody{})
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	started := time.Now()
	_, err := newTestClient(t, srv, 5).Do(ctx, Request{Method: http.MethodGet, Path: "/x"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if took := time.Since(started); took > 5*time.Second {
		t.Fatalf("Do waited %v after the context ended", took)
	}
}

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

func TestDoEncodesRequests(t *testing.T) {
	t.Parallel()
	type captured struct {
		method, path, query, contentType, body, ua, accept, custom string
	}
	var got captured
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = captured{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), string(body),
			r.Header.Get("User-Agent"), r.Header.Get("Accept"), r.Header.Get("X-Custom")}
		writeJSON(w, http.StatusCreated, map[string]string{"id": "42"})
	})
	c := newTestClient(t, srv, 0)

	var out struct{ ID string }
	resp, err := c.Do(context.Background(), Request{
		Method: http.MethodPost, Path: "/api/things", Query: url.Values{"page": {"2"}},
		Form: url.Values{"list[]": {"a", "b"}, "name": {"x y"}}, Header: map[string]string{"X-Custom": "1"}, Result: &out,
	})
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	want := captured{"POST", "/api/things", "page=2", "application/x-www-form-urlencoded", "list%5B%5D=a&list%5B%5D=b&name=x+y", "httpclient-test/1.0", "application/json", "1"}
	if got != want {
		t.Fatalf("server saw %+v, want %+v", got, want)
	}
	if out.ID != "42" || resp.StatusCode != http.StatusCreated || !strings.Contains(string(resp.Body), `"42"`) {
		t.Fatalf("response %+v / %+v", resp, out)
	}

	if _, err := c.Do(context.Background(), Request{Method: http.MethodPut, Path: "/api/things/1", JSON: map[string]any{"name": "n"}}); err != nil {
		t.Fatalf("Do JSON: %v", err)
	}
	var decoded map[string]any
	if got.contentType != "application/json" || json.Unmarshal([]byte(got.body), &decoded) != nil || decoded["name"] != "n" {
		t.Fatalf("JSON request seen as %+v", got)
	}

	if _, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/x", JSON: func() {}}); err == nil || !strings.Contains(err.Error(), "encoding") {
		t.Fatalf("unencodable JSON: err = %v", err)
	}
}

func TestDoRejectsUnexpectedBody(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html>maintenance</html>")
	})
	var out map[string]any
	_, err := newTestClient(t, srv, 0).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x", Result: &out})
	if err == nil || !strings.Contains(err.Error(), "not the expected JSON") {
		t.Fatalf("err = %v", err)
	}
	// An empty 2xx body is fine.
	srv = newServer(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	if _, err := newTestClient(t, srv, 0).Do(context.Background(), Request{Method: http.MethodDelete, Path: "/x", Result: &out}); err != nil {
		t.Fatalf("empty body: %v", err)
	}
}

func TestDoNilDecodedError(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	c := New(Config{Service: "Test", BaseURL: srv.URL}, func(int, []byte) *APIError { return nil })
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/pot"})
	apiErr, ok := AsAPIError(err)
	if !ok || apiErr.StatusCode != http.StatusTeapot || apiErr.Path != "/pot" || apiErr.Service != "Test" {
		t.Fatalf("err = %#v", err)
	}
}

func TestDoAttemptTimeout(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if calls.Add(1) == 1 {
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{})
	})
	c := New(Config{Service: "Test", BaseURL: srv.URL, Timeout: 100 * time.Millisecond, MaxRetries: 1}, decodeTestError)
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/slow"}); err != nil {
		t.Fatalf("a GET that timed out once should succeed on retry: %v", err)
	}
	if calls.Load() != 2 {
		t.Fatalf("calls = %d", calls.Load())
	}
}

func TestDoTransportErrorHidesSensitiveQuery(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { dropConnection(t, w) })
	_, err := newTestClient(t, srv, 0).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x", Query: url.Values{"api_key": {"k3y-value"}, "page": {"1"}}})
	if err == nil || strings.Contains(err.Error(), "k3y-value") || !strings.Contains(err.Error(), "page=1") {
		t.Fatalf("err = %v, want the query shown with the key masked", err)
	}
}

// cancelAfterResponse is a transport that cancels the request's context
// once the whole answer has been received, as when a deadline hits at the
// very end of a request.
type cancelAfterResponse struct{ cancel context.CancelFunc }

func (c cancelAfterResponse) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(strings.NewReader(string(body)))
	c.cancel()
	return resp, nil
}

func TestDoKeepsAnAnswerReceivedAsTheContextEnds(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusCreated, map[string]string{"id": "new"})
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := New(Config{Service: "Test", BaseURL: srv.URL, Transport: cancelAfterResponse{cancel}}, decodeTestError)
	var out struct{ ID string }
	if _, err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/things", Result: &out}); err != nil || out.ID != "new" {
		t.Fatalf("a create the server answered must not be reported as failed: err=%v out=%+v", err, out)
	}
}

func TestDoContextEndsDuringRequest(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // so that the server notices the client leaving
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	for _, tt := range []struct {
		method    string
		uncertain bool
	}{{http.MethodPost, true}, {http.MethodGet, false}} {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		_, err := newTestClient(t, srv, 3).Do(ctx, Request{Method: tt.method, Path: "/slow"})
		cancel()
		var uncertain *UncertainError
		if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &uncertain) != tt.uncertain {
			t.Fatalf("%s: err = %T %v; want DeadlineExceeded, uncertain=%v", tt.method, err, err, tt.uncertain)
		}
	}
}
