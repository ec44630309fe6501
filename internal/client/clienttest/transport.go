package clienttest

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"strconv"
)

// HandlerTransport returns an http.RoundTripper that serves every request by
// calling h in memory, as an HTTP server would, without opening a socket:
// give it to a client through httpclient.Config.Transport, with any base URL
// (the host is not resolved). Fuzz targets use it so that each input does
// not cost a TCP connection (and, in TIME_WAIT, a local port).
//
// The handler sees what a server would: the method, URL, RequestURI, Host,
// headers, a fully readable body with its ContentLength, a RemoteAddr, TLS
// state for https URLs, and the request's context. The client gets the
// handler's status (200 when it wrote none), headers and body; the body is
// dropped, as a server does, for HEAD requests and for 1xx, 204 and 304
// answers.
//
// When the request's context ends before the handler returns, RoundTrip
// returns the context's error at once (the handler keeps running, with its
// request's context done, and its answer is discarded); a request whose
// context has already ended never reaches the handler. A handler that panics
// with http.ErrAbortHandler makes RoundTrip fail, as a server closing the
// connection would; any other panic is raised again in the caller's
// goroutine, so that a test fails on it.
func HandlerTransport(h http.Handler) http.RoundTripper { return handlerTransport{h} }

type handlerTransport struct{ h http.Handler }

// handlerPanic carries a handler's panic, and where it happened, to the
// goroutine of RoundTrip.
type handlerPanic struct {
	value any
	stack []byte
}

// RoundTrip implements http.RoundTripper.
func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := readBody(req)
	if err != nil {
		return nil, err
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if req.URL == nil {
		return nil, errors.New("clienttest: request without a URL")
	}

	in := req.Clone(ctx)
	in.Body = io.NopCloser(bytes.NewReader(body))
	in.ContentLength = int64(len(body))
	in.GetBody = nil
	in.Proto, in.ProtoMajor, in.ProtoMinor = "HTTP/1.1", 1, 1
	in.RequestURI = req.URL.RequestURI()
	if in.Host == "" {
		in.Host = req.URL.Host
	}
	in.URL.Scheme, in.URL.Host = "", "" // as a server parses a request line
	in.RemoteAddr = "192.0.2.1:1234"    // as httptest.NewRequest
	if req.URL.Scheme == "https" {
		in.TLS = &tls.ConnectionState{Version: tls.VersionTLS12, HandshakeComplete: true, ServerName: req.URL.Hostname()}
	}

	rec := httptest.NewRecorder()
	done := make(chan *handlerPanic, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- &handlerPanic{v, debug.Stack()}
				return
			}
			done <- nil
		}()
		t.h.ServeHTTP(rec, in)
	}()
	select {
	case p := <-done:
		if p != nil {
			if p.value == http.ErrAbortHandler {
				return nil, fmt.Errorf("clienttest: %s %s: handler aborted the answer: %w", req.Method, req.URL, io.ErrUnexpectedEOF)
			}
			panic(fmt.Sprintf("clienttest: handler panicked serving %s %s: %v\n\n%s", req.Method, req.URL, p.value, p.stack))
		}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return response(req, rec), nil
}

// readBody reads and closes the request's body, as RoundTrip must.
func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	defer req.Body.Close()
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, fmt.Errorf("clienttest: reading the request body: %w", err)
	}
	return body, nil
}

// response turns what the handler wrote into the client's answer.
func response(req *http.Request, rec *httptest.ResponseRecorder) *http.Response {
	resp := rec.Result() // status 200 unless the handler wrote another; headers as at WriteHeader
	resp.Request = req
	body := rec.Body.Bytes()
	if req.Method == http.MethodHead || !bodyAllowed(resp.StatusCode) {
		body = nil
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	if req.Method != http.MethodHead && resp.Header.Get("Transfer-Encoding") == "" && bodyAllowed(resp.StatusCode) {
		resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	}
	return resp
}

// bodyAllowed reports whether an answer with status may have a body.
func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}
