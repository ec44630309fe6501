package httpclient

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

func TestRedirectsToAnotherOriginAreRefused(t *testing.T) {
	t.Parallel()
	var elsewhere atomic.Int32
	other := newServer(t, func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) })
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Redirect(w, r, other.URL+"/steal?access_token=S3CRET-in-query&page=2", http.StatusFound)
	})
	_, err := newTestClient(t, srv, 3).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	var redirect *RedirectError
	if !errors.As(err, &redirect) || calls.Load() != 1 || elsewhere.Load() != 0 {
		t.Fatalf("err = %T %v, %d requests, %d elsewhere: want a RedirectError after one request, none followed", err, err, calls.Load(), elsewhere.Load())
	}
	msg := err.Error()
	if strings.Contains(msg, "S3CRET") || !strings.Contains(msg, other.URL+"/steal?") || !strings.Contains(msg, "page=2") ||
		!strings.Contains(msg, "Test API: GET /x: refused to follow the 302 Found redirect") || !strings.Contains(msg, "it leaves http://127.0.0.1:") {
		t.Fatalf("message %q must name the Location with its secrets masked and say why", msg)
	}
}

func TestRedirectFromHTTPSToHTTPIsRefused(t *testing.T) {
	t.Parallel()
	from, _ := url.Parse("https://api.example.com/x")
	to, _ := url.Parse("http://api.example.com/x")
	err := checkRedirect(&http.Request{URL: to, Response: &http.Response{StatusCode: http.StatusMovedPermanently}}, []*http.Request{{Method: http.MethodGet, URL: from}})
	var redirect *RedirectError
	if !errors.As(err, &redirect) || !strings.Contains(redirect.Reason, "leave https for http") {
		t.Fatalf("err = %v, want a refused downgrade", err)
	}
	// Same origin, default port spelled out or not: followed.
	same, _ := url.Parse("https://API.example.com:443/y")
	if err := checkRedirect(&http.Request{URL: same, Response: &http.Response{StatusCode: http.StatusFound}}, []*http.Request{{Method: http.MethodGet, URL: from}}); err != nil {
		t.Fatalf("a same-origin redirect of a GET was refused: %v", err)
	}
	other, _ := url.Parse("https://api.example.com:8443/y")
	if err := checkRedirect(&http.Request{URL: other, Response: &http.Response{StatusCode: http.StatusFound}}, []*http.Request{{Method: http.MethodGet, URL: from}}); err == nil {
		t.Fatal("a redirect to another port was followed")
	}
}

func TestRedirectedWritesKeepTheirMethodOrFail(t *testing.T) {
	t.Parallel()
	type seen struct{ method, body string }
	for _, tt := range []struct {
		name, method string
		status       int
		wantFollowed bool
	}{
		{"GET 302 same origin", http.MethodGet, http.StatusFound, true},
		{"POST 307 same origin", http.MethodPost, http.StatusTemporaryRedirect, true},
		{"PUT 308 same origin", http.MethodPut, http.StatusPermanentRedirect, true},
		{"POST 302 would become a GET", http.MethodPost, http.StatusFound, false},
		{"POST 303 would become a GET", http.MethodPost, http.StatusSeeOther, false},
		{"DELETE 301", http.MethodDelete, http.StatusMovedPermanently, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			var target atomic.Value
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				if r.URL.Path == "/old" {
					http.Redirect(w, r, "/new", tt.status)
					return
				}
				body, _ := io.ReadAll(r.Body)
				target.Store(seen{r.Method, string(body)})
				writeJSON(w, http.StatusOK, map[string]string{"id": "1"})
			})
			req, wantBody := Request{Method: tt.method, Path: "/old"}, ""
			if tt.method != http.MethodGet {
				req.JSON, wantBody = map[string]string{"name": "a"}, `{"name":"a"}`
			}
			_, err := newTestClient(t, srv, 3).Do(context.Background(), req)
			if !tt.wantFollowed {
				var redirect *RedirectError
				if !errors.As(err, &redirect) || calls.Load() != 1 || target.Load() != nil {
					t.Fatalf("err = %v after %d requests: want a refused redirect, not retried", err, calls.Load())
				}
				if tt.method == http.MethodPost && !errors.As(err, new(*UncertainError)) {
					t.Fatalf("a create answered by a redirect may have been applied: %v", err)
				}
				return
			}
			got, _ := target.Load().(seen)
			if err != nil || got.method != tt.method || got.body != wantBody {
				t.Fatalf("err = %v, target saw %+v: want the same method and body", err, got)
			}
		})
	}
}

func TestTooManyRedirects(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.Path+"x", http.StatusFound) })
	_, err := newTestClient(t, srv, 3).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	if !errors.As(err, new(*RedirectError)) || !strings.Contains(err.Error(), "stopped after 10 redirects") {
		t.Fatalf("err = %v", err)
	}
}
