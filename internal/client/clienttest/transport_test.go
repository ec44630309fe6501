package clienttest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// The hosts below end in .invalid: they cannot resolve, so an answer proves
// that nothing was dialed.

func TestHandlerTransportServesRequest(t *testing.T) {
	var seen *http.Request
	var seenBody string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading the body: %v", err)
		}
		seen, seenBody = r, string(b)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Answer", "yes")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"id":`))
		_, _ = w.Write([]byte(`"1"}`))
	})
	hc := &http.Client{Transport: HandlerTransport(h)}
	req, err := http.NewRequest(http.MethodPost, "https://api.example.invalid/v1/things?x=1&y=a%20b", strings.NewReader("name=n"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer t")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}

	if resp.StatusCode != http.StatusCreated || resp.Status != "201 Created" {
		t.Errorf("status = %d %q, want 201", resp.StatusCode, resp.Status)
	}
	if got := resp.Header.Get("X-Answer"); got != "yes" {
		t.Errorf("X-Answer = %q", got)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
	if string(body) != `{"id":"1"}` || resp.ContentLength != int64(len(body)) || resp.Header.Get("Content-Length") != "10" {
		t.Errorf("body %q, ContentLength %d, Content-Length %q", body, resp.ContentLength, resp.Header.Get("Content-Length"))
	}
	if resp.Request == nil || resp.Request.URL.String() != req.URL.String() {
		t.Errorf("resp.Request = %+v", resp.Request)
	}

	if seen == nil {
		t.Fatal("the handler was not called")
	}
	if seen.Method != http.MethodPost || seen.URL.Path != "/v1/things" || seen.URL.RawQuery != "x=1&y=a%20b" ||
		seen.URL.Query().Get("y") != "a b" || seen.RequestURI != "/v1/things?x=1&y=a%20b" {
		t.Errorf("handler saw %s %s (RequestURI %q)", seen.Method, seen.URL, seen.RequestURI)
	}
	if seen.Host != "api.example.invalid" || seen.RemoteAddr == "" || seen.TLS == nil || seen.Proto != "HTTP/1.1" {
		t.Errorf("handler saw Host %q, RemoteAddr %q, TLS %v, Proto %q", seen.Host, seen.RemoteAddr, seen.TLS, seen.Proto)
	}
	if seen.Header.Get("Authorization") != "Bearer t" || seen.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("handler saw headers %v", seen.Header)
	}
	if seenBody != "name=n" || seen.ContentLength != 6 {
		t.Errorf("handler saw body %q, ContentLength %d", seenBody, seen.ContentLength)
	}
}

func TestHandlerTransportDefaultsAndBodylessAnswers(t *testing.T) {
	tests := []struct {
		name, method string
		status       int // 0: the handler writes nothing
		wantStatus   int
		wantBody     string
	}{
		{"nothing written", http.MethodGet, 0, http.StatusOK, ""},
		{"body without WriteHeader", http.MethodGet, -1, http.StatusOK, "hello"},
		{"HEAD", http.MethodHead, http.StatusOK, http.StatusOK, ""},
		{"204", http.MethodDelete, http.StatusNoContent, http.StatusNoContent, ""},
		{"304", http.MethodGet, http.StatusNotModified, http.StatusNotModified, ""},
		{"500", http.MethodGet, http.StatusInternalServerError, http.StatusInternalServerError, "hello"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch tc.status {
				case 0:
					return
				case -1:
				default:
					w.WriteHeader(tc.status)
				}
				_, _ = w.Write([]byte("hello"))
			})
			req, _ := http.NewRequest(tc.method, "http://api.example.invalid/x", nil)
			resp, err := (&http.Client{Transport: HandlerTransport(h)}).Do(req)
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.wantStatus || string(body) != tc.wantBody {
				t.Errorf("got %d %q, want %d %q", resp.StatusCode, body, tc.wantStatus, tc.wantBody)
			}
		})
	}
}

func TestHandlerTransportCancellation(t *testing.T) {
	t.Run("canceled while the handler runs", func(t *testing.T) {
		handlerSawCancel := make(chan struct{})
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
				close(handlerSawCancel)
			case <-time.After(10 * time.Second):
			}
		})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://api.example.invalid/slow", nil)
		started := time.Now()
		_, err := (&http.Client{Transport: HandlerTransport(h)}).Do(req)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if took := time.Since(started); took > 5*time.Second {
			t.Errorf("RoundTrip returned after %v", took)
		}
		select {
		case <-handlerSawCancel:
		case <-time.After(5 * time.Second):
			t.Error("the handler's request context was not canceled")
		}
	})

	t.Run("client timeout", func(t *testing.T) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		})
		req, _ := http.NewRequest(http.MethodGet, "http://api.example.invalid/slow", nil)
		_, err := (&http.Client{Transport: HandlerTransport(h), Timeout: 20 * time.Millisecond}).Do(req)
		var timeout interface{ Timeout() bool }
		if !errors.As(err, &timeout) || !timeout.Timeout() {
			t.Fatalf("err = %v, want a timeout", err)
		}
	})

	t.Run("already canceled", func(t *testing.T) {
		called := false
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { called = true })
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://api.example.invalid/x", strings.NewReader("b"))
		if _, err := HandlerTransport(h).RoundTrip(req); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if called {
			t.Error("the handler ran for a canceled request")
		}
	})
}

func TestHandlerTransportPanics(t *testing.T) {
	t.Run("ErrAbortHandler fails the request", func(t *testing.T) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) })
		req, _ := http.NewRequest(http.MethodGet, "http://api.example.invalid/x", nil)
		if _, err := HandlerTransport(h).RoundTrip(req); err == nil {
			t.Fatal("no error for an aborted answer")
		}
	})
	t.Run("other panics reach the caller", func(t *testing.T) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") })
		req, _ := http.NewRequest(http.MethodGet, "http://api.example.invalid/x", nil)
		defer func() {
			if v := recover(); v == nil || !strings.Contains(v.(string), "boom") {
				t.Errorf("recovered %v, want the handler's panic", v)
			}
		}()
		_, _ = HandlerTransport(h).RoundTrip(req)
		t.Error("RoundTrip returned after the handler panicked")
	})
}

// TestHandlerTransportWithHTTPClient: the service clients' HTTP layer works
// through the transport given as httpclient.Config.Transport.
func TestHandlerTransportWithHTTPClient(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/things/1":
			if r.Header.Get("Accept") != "application/json" {
				w.WriteHeader(http.StatusNotAcceptable)
				return
			}
			_, _ = w.Write([]byte(`{"name":"one"}`))
		case "/api/slow":
			<-r.Context().Done()
		default:
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = w.Write([]byte(`{"message":"no"}`))
		}
	})
	c := httpclient.New(httpclient.Config{Service: "Test", BaseURL: "https://api.example.invalid/api", Timeout: 5 * time.Second,
		Transport: HandlerTransport(h)}, func(status int, body []byte) *httpclient.APIError { return &httpclient.APIError{Message: string(body)} })

	var out struct{ Name string }
	resp, err := c.Do(context.Background(), httpclient.Request{Method: http.MethodGet, Path: "/things/1", Result: &out})
	if err != nil || resp.StatusCode != http.StatusOK || out.Name != "one" {
		t.Fatalf("GET: %+v, %+v, %v", resp, out, err)
	}

	_, err = c.Do(context.Background(), httpclient.Request{Method: http.MethodGet, Path: "/other"})
	var apiErr *httpclient.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity || !IsTyped(err) {
		t.Fatalf("GET /other: %v, want an APIError 422", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/slow"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("GET /slow: %v, want context.DeadlineExceeded", err)
	}
}
