package httpclient

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestLoggingMasksSecrets(t *testing.T) {
	t.Parallel()
	const (
		configSecret = "cfg-S3CRET-value"   // known to the client through Config.Secrets
		formSecret   = "form-S3CRET-value"  // sent under a sensitive form key
		accessToken  = "tok-S3CRET-access"  // the authorizer's token
		bearerToken  = "bearer-S3CRET-step" // an intermediate login token
		answerSecret = "answer-S3CRET-tok"  // a token in a response
	)
	var drops, busies atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/drop" && drops.Add(1) <= 2: // twice: the transport itself may resend once
			dropConnection(t, w)
		case r.URL.Path == "/busy" && busies.Add(1) == 1:
			w.Header().Set("Retry-After", "0")
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"message": "busy, secret was " + configSecret})
		default:
			writeJSON(w, http.StatusOK, map[string]string{"access_token": answerSecret, "echo": configSecret})
		}
	})
	c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: 2, Secrets: []string{configSecret, "", "ab"}}, decodeTestError)
	c.SetAuthorizer(&Authorizer{
		Tokens: NewTokenSource(func(context.Context, *Token) (*Token, error) {
			return &Token{AccessToken: accessToken, Expiry: time.Now().Add(time.Hour)}, nil
		}, time.Hour),
		Header: func(tok string) string { return "Bearer " + tok },
	})

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	requests := []Request{
		{Method: http.MethodPost, Path: "/login/step", Anonymous: true, SafeToRetry: true, Form: url.Values{
			"client_secret": {formSecret}, "client_id": {"visible-client-id"}, "note": {"contains " + configSecret},
		}},
		{Method: http.MethodPost, Path: "/busy", SafeToRetry: true, JSON: map[string]string{"password": formSecret, "comment": configSecret}},
		{Method: http.MethodGet, Path: "/drop", Query: url.Values{"filter": {configSecret}, "api_key": {formSecret}}},
		{Method: http.MethodGet, Path: "/verify", BearerToken: bearerToken},
	}
	for _, req := range requests {
		if _, err := c.Do(ctx, req); err != nil {
			t.Fatalf("%s %s: %v", req.Method, req.Path, err)
		}
	}

	out := buf.String()
	entries, err := tflogtest.MultilineJSONDecode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("log output is not JSON lines: %v\n%s", err, out)
	}
	messages := map[string]int{}
	for _, e := range entries {
		messages[e["@message"].(string)]++
	}
	for _, want := range []string{"API request", "API response", "API request failed", "retrying API request"} {
		if messages[want] == 0 {
			t.Errorf("no %q entry in the log; got %v", want, messages)
		}
	}
	for _, secret := range []string{configSecret, formSecret, accessToken, bearerToken, answerSecret} {
		if strings.Contains(out, secret) {
			t.Errorf("the log contains the secret %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{"/login/step", "/busy", "/drop", "/verify", "visible-client-id", Mask, `"service":"Test"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("log output:\n%s", out)
	}
}

func TestLoggingWithoutRootLoggerIsSilent(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, map[string]any{}) })
	// No logger in the context: logging is a no-op, not a panic.
	if _, err := newTestClient(t, srv, 0).Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentRequestsShareOneLogin(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("Authorization") != "Bearer tok-1" {
			writeJSON(w, http.StatusUnauthorized, testErrorBody{})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"token": "x"})
	})
	logins := &loginCounter{delay: 20 * time.Millisecond}
	c := New(Config{Service: "Test", BaseURL: srv.URL, Secrets: []string{"shared-secret"}}, decodeTestError)
	c.SetAuthorizer(&Authorizer{Tokens: NewTokenSource(logins.login, time.Hour), Header: func(tok string) string { return "Bearer " + tok }})
	var buf syncBuffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x", Query: url.Values{"q": {"shared-secret"}}})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if logins.count() != 1 || calls.Load() != 20 {
		t.Fatalf("logins=%d calls=%d, want 1 and 20", logins.count(), calls.Load())
	}
	if strings.Contains(buf.String(), "shared-secret") {
		t.Fatal("the log contains the secret")
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
