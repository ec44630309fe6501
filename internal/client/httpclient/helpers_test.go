package httpclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testErrorBody is the error shape the test servers answer.
type testErrorBody struct {
	Code    string              `json:"code"`
	Message string              `json:"message"`
	Fields  map[string][]string `json:"fields"`
}

func decodeTestError(_ int, body []byte) *APIError {
	var eb testErrorBody
	if json.Unmarshal(body, &eb) != nil {
		return &APIError{Message: string(body)}
	}
	return &APIError{Code: eb.Code, Message: eb.Message, FieldErrors: eb.Fields}
}

// newServer starts an httptest server for handler, closed with the test.
func newServer(t *testing.T, handler http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return srv
}

// newTestClient returns a Client for srv with fast settings.
func newTestClient(t *testing.T, srv *httptest.Server, maxRetries int) *Client {
	t.Helper()
	return New(Config{
		Service: "Test", BaseURL: srv.URL, Timeout: 5 * time.Second,
		MaxRetries: maxRetries, UserAgent: "httpclient-test/1.0",
	}, decodeTestError)
}

// writeJSON answers status with v.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// dropConnection closes the connection without answering, so the client
// sees a transport error.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("response writer cannot be hijacked")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

// loginCounter is a LoginFunc that issues "tok-1", "tok-2", ...
type loginCounter struct {
	n      atomic.Int32
	expiry time.Duration // lifetime of issued tokens; zero = unknown
	delay  time.Duration // how long a login takes
	err    error

	mu        sync.Mutex
	previouss []*Token
}

func (l *loginCounter) login(ctx context.Context, previous *Token) (*Token, error) {
	l.mu.Lock()
	l.previouss = append(l.previouss, previous)
	l.mu.Unlock()
	if l.delay > 0 {
		select {
		case <-time.After(l.delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if l.err != nil {
		return nil, l.err
	}
	n := l.n.Add(1)
	tok := &Token{AccessToken: fmt.Sprintf("tok-%d", n), RefreshToken: fmt.Sprintf("refresh-%d", n)}
	if l.expiry > 0 {
		tok.Expiry = time.Now().Add(l.expiry)
	}
	return tok, nil
}

func (l *loginCounter) count() int { return int(l.n.Load()) }
