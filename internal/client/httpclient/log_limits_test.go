package httpclient

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// logEntries decodes what tflogtest captured.
func logEntries(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("log output is not JSON lines: %v", err)
	}
	return entries
}

func TestLoggedBodiesAreTruncated(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 1<<20)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"blob": big})
	})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c := newTestClient(t, srv, 0)
	_, err := c.Do(ctx, Request{Method: http.MethodPut, Path: "/x", Query: url.Values{"q": {big[:100<<10]}},
		JSON: map[string]string{"blob": big[:200<<10]}})
	if err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 32<<10 {
		t.Fatalf("%d bytes of log for one request with a 1 MiB answer", buf.Len())
	}
	checked := 0
	for _, e := range logEntries(t, &buf) {
		for _, field := range []string{"body", "query"} {
			text, ok := e[field].(string)
			if !ok {
				continue
			}
			checked++
			if len(text) > maxLoggedBody+100 || !strings.Contains(text, fmt.Sprintf("[truncated: %d of ", maxLoggedBody)) {
				t.Errorf("%s %s: %d bytes logged, ending %q", e["@message"], field, len(text), text[max(0, len(text)-80):])
			}
		}
	}
	if checked != 3 {
		t.Fatalf("checked %d fields, want the request's query and body and the response's body", checked)
	}
}

func TestFiftyMegabyteAnswerLogsAFewKilobytes(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, bigAnswer(&calls, http.StatusOK, 50<<20, false))
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	_, err := newTestClient(t, srv, 3).Do(ctx, Request{Method: http.MethodGet, Path: "/x"})
	if !errors.As(err, new(*ResponseTooLargeError)) {
		t.Fatalf("err = %v", err)
	}
	if buf.Len() > 8<<10 || !strings.Contains(buf.String(), "API response too large") {
		t.Fatalf("%d bytes of log:\n%.2000s", buf.Len(), buf.String())
	}
}

func TestTruncateForLogKeepsCharacters(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("é", maxLoggedBody) // two bytes each
	got := truncateForLog(text, 12345)
	cut := got[:strings.Index(got, "…")]
	if !strings.HasPrefix(text, cut) || len(cut) > maxLoggedBody || !strings.HasSuffix(got, "of 12345 bytes logged]") {
		t.Fatalf("truncateForLog cut a character or lost the size: ...%q", got[len(got)-60:])
	}
	if truncateForLog("short", 5) != "short" {
		t.Fatal("short text must be left whole")
	}
}

func TestRetryWarningsSayWhy(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			writeJSON(w, http.StatusServiceUnavailable, testErrorBody{})
		case 2:
			w.Header().Set("Retry-After", "0")
			writeJSON(w, http.StatusTooManyRequests, testErrorBody{})
		default:
			writeJSON(w, http.StatusOK, map[string]any{})
		}
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + l.Addr().String()
	_ = l.Close()

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: 3, MaxRetryDuration: time.Minute}, decodeTestError)
	if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatal(err)
	}
	_, _ = New(Config{Service: "Test", BaseURL: refused, MaxRetries: 1}, decodeTestError).Do(ctx, Request{Method: http.MethodGet, Path: "/y"})

	var reasons []string
	for _, e := range logEntries(t, &buf) {
		if e["@message"] != "retrying API request" {
			continue
		}
		if e["@level"] != "warn" {
			t.Errorf("retry logged at %v, want warn", e["@level"])
		}
		left, _ := e["budget_left_ms"].(float64)
		if _, ok := e["delay_ms"].(float64); !ok || left <= 0 || left > float64(DefaultMaxRetryDuration.Milliseconds()) {
			t.Errorf("retry entry without delay_ms or a sensible budget_left_ms: %v", e)
		}
		reasons = append(reasons, fmt.Sprint(e["reason"]))
	}
	want := []string{"503 Service Unavailable", "429 Too Many Requests, Retry-After: 0", "connection refused"}
	if strings.Join(reasons, "|") != strings.Join(want, "|") {
		t.Fatalf("retry reasons %q, want %q", reasons, want)
	}
}
