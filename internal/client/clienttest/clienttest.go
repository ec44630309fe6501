// Package clienttest holds test helpers shared by the service clients'
// tests: a transport that serves requests with an http.Handler in memory, a
// transport that loses an answer, and the check that an error is one of the
// typed errors the clients promise. Only tests import it.
package clienttest

import (
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// LosingTransport loses the answer to the first POST whose path ends with
// Suffix: after the server applied the request (AfterCommit), or before the
// request was sent. Every other request goes through http.DefaultTransport.
type LosingTransport struct {
	Suffix      string
	AfterCommit bool

	mu   sync.Mutex
	lost bool
}

// RoundTrip implements http.RoundTripper.
func (l *LosingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	lose := !l.lost && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, l.Suffix)
	if lose {
		l.lost = true
	}
	l.mu.Unlock()
	if !lose {
		return http.DefaultTransport.RoundTrip(r)
	}
	if l.AfterCommit {
		resp, err := http.DefaultTransport.RoundTrip(r)
		if err == nil {
			_ = resp.Body.Close()
		}
	}
	return nil, errors.New("connection reset by peer (test)")
}

// Lost reports whether the transport has lost an answer yet.
func (l *LosingTransport) Lost() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lost
}

// IsTyped reports whether err is nil or one of the typed errors the clients
// return: an APIError (possibly inside an UncertainError), a DecodeError, a
// MissingIdentityError, an ExistsError (an object already holds the natural
// key of a create), or a not-found error.
func IsTyped(err error) bool {
	var apiErr *httpclient.APIError
	var decodeErr *httpclient.DecodeError
	var identityErr *httpclient.MissingIdentityError
	var existsErr *httpclient.ExistsError
	return err == nil || errors.As(err, &apiErr) || errors.As(err, &decodeErr) || errors.As(err, &identityErr) ||
		errors.As(err, &existsErr) || errors.Is(err, httpclient.ErrNotFound)
}
