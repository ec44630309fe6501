package httpclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// countingTransport counts the round trips and hands them to next, or
// fails them with err.
type countingTransport struct {
	n    atomic.Int32
	next http.RoundTripper
	err  error
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	if c.err != nil {
		return nil, c.err
	}
	return c.next.RoundTrip(r)
}

// connCounter counts the connections a server accepts.
func connCounter(srv *httptest.Server) *atomic.Int32 {
	var n atomic.Int32
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			n.Add(1)
		}
	}
	return &n
}

func TestPermanentTransportErrorsAreNotRetried(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		t.Run(method+" to an untrusted certificate", func(t *testing.T) {
			t.Parallel()
			var handled atomic.Int32
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { handled.Add(1) }))
			srv.Config.ErrorLog = quietLog()
			conns := connCounter(srv)
			srv.StartTLS()
			t.Cleanup(srv.Close)
			_, err := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: 5}, decodeTestError).Do(context.Background(), Request{Method: method, Path: "/x"})
			var unknownCA x509.UnknownAuthorityError
			var verify *tls.CertificateVerificationError
			if !errors.As(err, &unknownCA) && !errors.As(err, &verify) {
				t.Fatalf("err = %v, want a certificate error", err)
			}
			if conns.Load() != 1 || handled.Load() != 0 {
				t.Fatalf("%d connections, %d requests handled: want one handshake, no retry", conns.Load(), handled.Load())
			}
			if errors.As(err, new(*UncertainError)) {
				t.Fatalf("a request that never passed the handshake is not uncertain: %v", err)
			}
		})
		t.Run(method+" https to a plain http server", func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
			srv.Config.ErrorLog = quietLog()
			conns := connCounter(srv)
			srv.Start()
			t.Cleanup(srv.Close)
			url := strings.Replace(srv.URL, "http://", "https://", 1)
			_, err := New(Config{Service: "Test", BaseURL: url, MaxRetries: 5}, decodeTestError).Do(context.Background(), Request{Method: method, Path: "/x"})
			var record tls.RecordHeaderError
			if (!errors.As(err, &record) && !errors.Is(err, http.ErrSchemeMismatch)) || conns.Load() != 1 || errors.As(err, new(*UncertainError)) {
				t.Fatalf("err = %T %v after %d connections, want a plain TLS record error after one", err, err, conns.Load())
			}
		})
	}
	for name, tt := range map[string]struct {
		err  error
		base string
	}{
		"no such host":       {err: &net.DNSError{Err: "no such host", Name: "api.example.invalid", IsNotFound: true}},
		"unsupported scheme": {base: "ftp://127.0.0.1:1"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rt := &countingTransport{next: http.DefaultTransport, err: tt.err}
			base := tt.base
			if base == "" {
				base = "https://api.example.invalid"
			}
			c := New(Config{Service: "Test", BaseURL: base, MaxRetries: 5, Transport: rt}, decodeTestError)
			_, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/x"})
			if err == nil || rt.n.Load() != 1 || errors.As(err, new(*UncertainError)) {
				t.Fatalf("err = %T %v after %d round trips, want a plain error after one", err, err, rt.n.Load())
			}
		})
	}
}

func TestRecoverableTransportErrorsAreRetried(t *testing.T) {
	t.Parallel()
	// A port nobody listens on: connection refused.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + l.Addr().String()
	_ = l.Close()
	for name, tt := range map[string]struct {
		err  error
		base string
	}{
		"connection refused":     {base: refused},
		"temporary DNS failure":  {err: &net.DNSError{Err: "server misbehaving", Name: "api.example.invalid", IsTemporary: true}},
		"timeout from transport": {err: fmt.Errorf("dial: %w", context.DeadlineExceeded)},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rt := &countingTransport{next: http.DefaultTransport, err: tt.err}
			base := tt.base
			if base == "" {
				base = "https://api.example.invalid"
			}
			c := New(Config{Service: "Test", BaseURL: base, MaxRetries: 2, MaxRetryDuration: 5 * time.Second, Transport: rt}, decodeTestError)
			if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err == nil || rt.n.Load() != 3 {
				t.Fatalf("err = %v after %d round trips, want 3", err, rt.n.Load())
			}
		})
	}
}

func TestRequestTimeoutAndTooEarlyAreRetriedForSafeRequestsOnly(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusRequestTimeout, http.StatusTooEarly} {
		var calls atomic.Int32
		srv := newServer(t, failingHandler(t, &calls, 1000, status))
		c := newTestClient(t, srv, 2)
		if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); !HasStatus(err, status) || calls.Load() != 3 {
			t.Fatalf("GET %d: err = %v after %d requests, want 3", status, err, calls.Load())
		}
		calls.Store(0)
		_, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/x"})
		if !HasStatus(err, status) || errors.As(err, new(*UncertainError)) || calls.Load() != 1 {
			t.Fatalf("POST %d: err = %v after %d requests, want a plain APIError after 1", status, err, calls.Load())
		}
	}
	for _, status := range []int{http.StatusBadRequest, http.StatusForbidden, http.StatusConflict, http.StatusGone, http.StatusUnprocessableEntity} {
		if retryableStatus(status) {
			t.Errorf("%d must never be retried", status)
		}
	}
}

// quietLog silences a test server's complaints about failed handshakes.
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

func TestNeverSentClassifiesTLSRecordErrors(t *testing.T) {
	t.Parallel()
	if !neverSent(fmt.Errorf("dial: %w", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"})) {
		t.Fatal("a TLS record header error must be permanent")
	}
	if neverSent(errors.New("connection reset by peer")) || neverSent(nil) {
		t.Fatal("a reset or no error is not permanent")
	}
}
