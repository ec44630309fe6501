package acctest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// Exchange is one request seen by a Recorder and the status it was answered.
type Exchange struct {
	Method string
	// Path is the request path, such as "/app/partner/instances/create".
	Path string
	// Form is the parsed x-www-form-urlencoded body (empty for other bodies).
	Form   url.Values
	Status int
}

// Recorder is an HTTP front for an emulator that records every exchange, so
// that a test can tell what the provider sent and which answers failed (the
// emulator's own counters have no status).
type Recorder struct {
	mu        sync.Mutex
	exchanges []Exchange
}

// Exchanges returns a copy of the exchanges recorded so far, in order.
func (r *Recorder) Exchanges() []Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Exchange(nil), r.exchanges...)
}

// Reset forgets the exchanges recorded so far.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.exchanges = nil
}

// statusWriter remembers the status a handler answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// serve returns a handler that passes each request to next and records the exchange.
func (r *Recorder) serve(next http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, req)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.exchanges = append(r.exchanges, Exchange{Method: req.Method, Path: req.URL.Path, Form: form, Status: sw.status})
	}
}

// Recorded returns a copy of e whose variables point at a recording front of
// its emulator, and the Recorder; the front stops when the test ends.
// Requests made through the copy (provider configurations, CLI runs and
// out-of-band calls) reach the same emulator and are counted by it as usual.
func (e *Env) Recorded(t *testing.T) (*Env, *Recorder) {
	t.Helper()
	rec := &Recorder{}
	front := httptest.NewServer(rec.serve(e.Emulator.Server.Handler()))
	t.Cleanup(front.Close)
	vars := make(map[string]string, len(e.Vars))
	for k, v := range e.Vars {
		if strings.HasPrefix(v, e.Emulator.URL) {
			v = front.URL + strings.TrimPrefix(v, e.Emulator.URL)
		}
		vars[k] = v
	}
	copied := *e
	copied.Vars = vars
	return &copied, rec
}
