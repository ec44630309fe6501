package httpclient

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// bigAnswer answers status with a JSON string body of size bytes, streamed
// without a Content-Length unless announce is set.
func bigAnswer(calls *atomic.Int32, status, size int, announce bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if announce {
			w.Header().Set("Content-Length", strconv.Itoa(size))
		}
		w.WriteHeader(status)
		chunk := []byte(strings.Repeat("a", 32<<10))
		_, _ = w.Write([]byte(`"`))
		for written := 2; written < size; written += len(chunk) {
			n := min(len(chunk), size-written)
			if _, err := w.Write(chunk[:n]); err != nil {
				return // the client stopped reading
			}
		}
		_, _ = w.Write([]byte(`"`))
	}
}

func TestResponseBodyCap(t *testing.T) {
	t.Parallel()
	const limit = 64 << 10
	tests := []struct {
		name          string
		method        string
		status, size  int
		announce      bool
		wantErr       bool
		wantUncertain bool
	}{
		{"exactly at the cap", http.MethodGet, http.StatusOK, limit, false, false, false},
		{"one byte over, streamed", http.MethodGet, http.StatusOK, limit + 1, false, true, false},
		{"announced far over", http.MethodGet, http.StatusOK, 50 << 20, true, true, false},
		{"a create's 2xx too large was applied", http.MethodPost, http.StatusCreated, 1 << 20, false, true, true},
		{"a create's 4xx too large was refused", http.MethodPost, http.StatusBadRequest, 1 << 20, false, true, false},
		{"a GET's 5xx too large is not retried", http.MethodGet, http.StatusServiceUnavailable, 1 << 20, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			srv := newServer(t, bigAnswer(&calls, tt.status, tt.size, tt.announce))
			c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: 3, MaxResponseBytes: limit}, decodeTestError)
			var out string
			resp, err := c.Do(context.Background(), Request{Method: tt.method, Path: "/x", Result: &out})
			if !tt.wantErr {
				if err != nil || len(resp.Body) != tt.size {
					t.Fatalf("err = %v: an answer at the cap must be read whole", err)
				}
				return
			}
			var tooLarge *ResponseTooLargeError
			if !errors.As(err, &tooLarge) || tooLarge.Limit != limit || tooLarge.StatusCode != tt.status || calls.Load() != 1 {
				t.Fatalf("err = %T %v after %d requests: want a ResponseTooLargeError, not retried", err, err, calls.Load())
			}
			if got := errors.As(err, new(*UncertainError)); got != tt.wantUncertain {
				t.Fatalf("uncertain = %v, want %v: %v", got, tt.wantUncertain, err)
			}
			if !strings.Contains(err.Error(), "larger than the 65536-byte cap on answers") {
				t.Fatalf("message %q does not name the cap", err)
			}
		})
	}
	if c := New(Config{Service: "Test"}, decodeTestError); c.cfg.MaxResponseBytes != DefaultMaxResponseBytes || DefaultMaxResponseBytes != 4<<20 {
		t.Fatalf("default cap %d", c.cfg.MaxResponseBytes)
	}
}

// endlessBody is a body that never ends and counts what is read of it.
type endlessBody struct{ read int64 }

func (b *endlessBody) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	b.read += int64(len(p))
	return len(p), nil
}

func (b *endlessBody) Close() error { return nil }

func TestReadLimitedReadsAtMostOneByteOverTheCap(t *testing.T) {
	t.Parallel()
	body := &endlessBody{}
	data, tooLarge, err := readLimited(body, -1, 1000)
	if err != nil || !tooLarge || data != nil {
		t.Fatalf("readLimited = %d bytes, %v, %v", len(data), tooLarge, err)
	}
	if body.read > 1001+512 {
		t.Fatalf("read %d bytes of an endless body with a 1000-byte cap", body.read)
	}
	data, tooLarge, err = readLimited(io.NopCloser(strings.NewReader("hello")), 5, 5)
	if err != nil || tooLarge || string(data) != "hello" {
		t.Fatalf("readLimited = %q, %v, %v", data, tooLarge, err)
	}
	body = &endlessBody{}
	if _, tooLarge, _ := readLimited(body, 1<<40, 1000); !tooLarge || body.read != 0 {
		t.Fatalf("an announced length over the cap must fail before reading (read %d)", body.read)
	}
}
