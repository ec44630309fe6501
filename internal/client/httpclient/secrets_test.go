package httpclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestErrorsNeverShowCredentials(t *testing.T) {
	t.Parallel()
	const (
		configSecret = "cfg-S3CRET-value"
		shortSecret  = "ab12" // the shortest masked length
		stepToken    = "step-S3CRET-bearer"
	)
	// known holds every credential the client has used so far: the server
	// echoes them all, as a server that logs its requests into its errors.
	var (
		issued atomic.Int32
		mu     sync.Mutex
		known  = []string{configSecret, shortSecret}
	)
	login := func(context.Context, *Token) (*Token, error) {
		n := issued.Add(1)
		tok := &Token{AccessToken: fmt.Sprintf("access-S3CRET-%d", n), RefreshToken: fmt.Sprintf("refresh-S3CRET-%d", n), Expiry: time.Now().Add(time.Hour)}
		mu.Lock()
		known = append(known, tok.AccessToken, tok.RefreshToken)
		mu.Unlock()
		return tok, nil
	}
	echo := func(r *http.Request) string {
		mu.Lock()
		defer mu.Unlock()
		if auth := r.Header.Get("Authorization"); auth != "" {
			known = append(known, strings.TrimPrefix(auth, "Bearer "))
		}
		return strings.Join(append([]string{r.Header.Get("Authorization")}, known...), " ")
	}
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/renew": // refuse the first token once, so that a second is issued
			if r.Header.Get("Authorization") == "Bearer access-S3CRET-1" {
				writeJSON(w, http.StatusUnauthorized, testErrorBody{})
				return
			}
		case "/decode":
			writeJSON(w, http.StatusOK, map[string]string{"v": echo(r)})
			return
		case "/away":
			http.Redirect(w, r, "http://elsewhere.example/"+configSecret+"?page=1", http.StatusFound)
			return
		}
		e := echo(r)
		writeJSON(w, http.StatusInternalServerError, testErrorBody{Code: e, Message: "you sent " + e, Fields: map[string][]string{e: {e}}})
	})
	c := New(Config{Service: "Test", BaseURL: srv.URL, MaxRetries: 0, Secrets: []string{configSecret, shortSecret, "abc"}}, decodeTestError)
	c.SetAuthorizer(&Authorizer{Tokens: NewTokenSource(login, time.Hour), Header: func(tok string) string { return "Bearer " + tok }})

	var echoing echoingResult
	requests := []Request{
		// First, so that later answers echo a step token sent earlier.
		{Method: http.MethodPost, Path: "/step", BearerToken: stepToken}, // an UncertainError around the echo
		{Method: http.MethodGet, Path: "/renew"},                         // 401, renewal, then the 500 echo with token 2
		{Method: http.MethodGet, Path: "/plain"},                         // the 500 echo
		{Method: http.MethodGet, Path: "/decode", Result: &echoing},      // a DecodeError quoting the body
		{Method: http.MethodGet, Path: "/away"},                          // a RedirectError naming the Location
		{Method: http.MethodGet, Path: "/plain", Query: url.Values{"filter": {configSecret}}},
	}
	secrets := []string{"access-S3CRET-1", "access-S3CRET-2", "refresh-S3CRET-1", configSecret, shortSecret, stepToken}
	for _, req := range requests {
		_, err := c.Do(context.Background(), req)
		if err == nil {
			t.Fatalf("%s %s succeeded", req.Method, req.Path)
		}
		t.Logf("%s %s: %v", req.Method, req.Path, err)
		for _, s := range secrets {
			if strings.Contains(err.Error(), s) {
				t.Errorf("%s %s: the error shows %q: %v", req.Method, req.Path, s, err)
			}
		}
		if apiErr, ok := AsAPIError(err); ok {
			for field, problems := range apiErr.FieldErrors {
				if strings.Contains(field+strings.Join(problems, ""), "S3CRET") {
					t.Errorf("FieldErrors keep a credential: %v", apiErr.FieldErrors)
				}
			}
			if !strings.Contains(apiErr.Message, "you sent Bearer "+Mask) {
				t.Errorf("message %q: the credentials must be masked, the rest kept", apiErr.Message)
			}
		}
	}
	if issued.Load() != 2 {
		t.Fatalf("%d tokens issued, want 2 (the renewal path was not exercised)", issued.Load())
	}
	// A transport error quoting the URL is masked too.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_ = l.Close()
	refused := New(Config{Service: "Test", BaseURL: "http://" + l.Addr().String(), Secrets: []string{configSecret}}, decodeTestError)
	_, err = refused.Do(context.Background(), Request{Method: http.MethodGet, Path: "/" + configSecret, Query: url.Values{"filter": {configSecret}}})
	var opErr *net.OpError
	if err == nil || strings.Contains(err.Error(), configSecret) || !errors.As(err, &opErr) {
		t.Fatalf("err = %v: want the dial error, masked, its type kept", err)
	}
}

// echoingResult fails to decode with an error that quotes the answer, as
// some decoders do.
type echoingResult struct{}

func (*echoingResult) UnmarshalJSON(b []byte) error {
	var v map[string]string
	_ = json.Unmarshal(b, &v)
	return fmt.Errorf("unexpected value %q", v["v"])
}

func TestCredentialSetIsBounded(t *testing.T) {
	t.Parallel()
	var s credentialSet
	for i := range 40 {
		s.add(fmt.Sprintf("token-%02d", i), "abc", "")
	}
	s.add("token-39") // already there
	got := s.list()
	if len(got) != maxRememberedCredentials || got[0] != "token-08" || got[len(got)-1] != "token-39" {
		t.Fatalf("set = %v, want the %d most recent tokens", got, maxRememberedCredentials)
	}
}

func TestMaskerMasksLongestFirst(t *testing.T) {
	t.Parallel()
	m := newMasker([]string{"abcd", "abcdefgh", "xyz", ""})
	if got := m.mask("abcdefgh abcd xyz"); got != "*** *** xyz" {
		t.Fatalf("mask = %q", got)
	}
	plain := errors.New("nothing secret")
	if m.maskError(plain) != plain || m.redact(nil) != nil {
		t.Fatal("an error without credentials must be returned as it is")
	}
}
