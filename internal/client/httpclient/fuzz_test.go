package httpclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// fuzzTransport serves every request in memory with a handler, so that no
// input opens a socket. (clienttest.HandlerTransport is the full version;
// this package cannot import it.) Like a server, it drops the body of an
// answer to HEAD and of a 204 or 304 answer.
type fuzzTransport struct{ handler http.Handler }

// RoundTrip implements http.RoundTripper.
func (t fuzzTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	t.handler.ServeHTTP(rec, req)
	if err := req.Context().Err(); err != nil {
		return nil, err // the request's context ended while it was served
	}
	resp := rec.Result()
	resp.Request = req
	if req.Method == http.MethodHead || resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusNotModified {
		resp.Body, resp.ContentLength = http.NoBody, 0
	}
	return resp, nil
}

// FuzzDoDecodesAnyAnswer: whatever status and body a server answers, Do
// neither panics nor returns an untyped error: a 2xx decodes or gives a
// DecodeError (an UncertainError around it for a create), anything else an
// APIError (an UncertainError around a 5xx for a create).
func FuzzDoDecodesAnyAnswer(f *testing.F) {
	f.Add(200, []byte(`{"id":"1","items":[1,2]}`), false)
	f.Add(201, []byte(`{"id": 12`), true)
	f.Add(422, []byte(`{"code":"invalid","message":"bad","fields":{"name":["blank"]}}`), true)
	f.Add(503, []byte(`<html>upstream down</html>`), false)
	f.Add(404, []byte(``), false)
	f.Add(204, []byte(`null`), true)
	f.Add(299, []byte("\x00\xff"), false)
	f.Fuzz(func(t *testing.T, status int, body []byte, create bool) {
		if status < 200 || status > 599 || status == http.StatusUnauthorized {
			t.Skip() // 1xx are not final answers; 401 triggers a login
		}
		// In memory: a server per input would spend a local port per input
		// (in TIME_WAIT) and run the machine out of them within a minute.
		transport := fuzzTransport{http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write(body)
		})}
		c := New(Config{Service: "Fuzz", BaseURL: "https://api.fuzz.invalid", Timeout: 5 * time.Second, MaxRetries: 0,
			Transport: transport}, decodeTestError)
		method := http.MethodGet
		if create {
			method = http.MethodPost
		}
		var out struct {
			ID    string `json:"id"`
			Items []int  `json:"items"`
		}
		resp, err := c.Do(context.Background(), Request{Method: method, Path: "/things", Result: &out})
		var apiErr *APIError
		var decodeErr *DecodeError
		var uncertain *UncertainError
		switch {
		case err == nil:
			if resp == nil || resp.StatusCode != status {
				t.Fatalf("no error but response %+v for status %d", resp, status)
			}
		case errors.As(err, &apiErr):
			if apiErr.StatusCode != status {
				t.Fatalf("APIError status %d for an answer %d", apiErr.StatusCode, status)
			}
		case errors.As(err, &decodeErr):
			if status >= 300 {
				t.Fatalf("DecodeError for a non-2xx answer %d", status)
			}
		default:
			t.Fatalf("untyped error %T: %v", err, err)
		}
		if errors.As(err, &uncertain) && !create {
			t.Fatalf("a GET reported uncertain: %v", err)
		}
	})
}

// FuzzParseRetryAfter: any Retry-After header yields a delay between zero
// and the cap, or none.
func FuzzParseRetryAfter(f *testing.F) {
	for _, seed := range []string{"1", "0.5", "-3", "Wed, 21 Oct 2015 07:28:00 GMT", "1e309", "NaN", "", "soon"} {
		f.Add(seed)
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, value string) {
		d, ok := parseRetryAfter(value, now)
		if ok && (d < 0 || d > maxRetryAfter) {
			t.Fatalf("parseRetryAfter(%q) = %v, outside [0, %v]", value, d, maxRetryAfter)
		}
	})
}

// FuzzJWTExpiry: any token string yields an expiry or the zero time,
// never a panic.
func FuzzJWTExpiry(f *testing.F) {
	f.Add("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.sig")
	f.Add("a.b.c")
	f.Add("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiIxZTMwOSJ9.sig")
	f.Fuzz(func(t *testing.T, token string) {
		_ = JWTExpiry(token)
	})
}
