package httpclient

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
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
