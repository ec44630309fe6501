package httpclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"strings"
)

// permanent reports whether a transport failure cannot be fixed by sending
// the request again: it is never retried, whatever the budget.
func permanent(err error) bool {
	var (
		redirect *RedirectError
		tooLarge *ResponseTooLargeError
	)
	return neverSent(err) || errors.As(err, &redirect) || errors.As(err, &tooLarge)
}

// neverSent reports whether a transport failure happened before the request
// could reach the server, and would happen again: a TLS handshake or
// certificate failure (including a server that does not speak TLS), a host
// name that does not exist, a URL scheme the transport does not speak. Such a
// request made nothing, so a create that failed so is not uncertain.
func neverSent(err error) bool {
	var (
		verify    *tls.CertificateVerificationError
		unknownCA x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		roots     x509.SystemRootsError
		record    tls.RecordHeaderError
		alert     tls.AlertError
		dns       *net.DNSError
	)
	switch {
	case err == nil:
		return false
	case errors.Is(err, http.ErrSchemeMismatch): // net/http's name for a RecordHeaderError "HTTP/"
		return true
	case errors.As(err, &verify), errors.As(err, &unknownCA), errors.As(err, &hostname),
		errors.As(err, &invalid), errors.As(err, &roots), errors.As(err, &record), errors.As(err, &alert):
		return true
	case errors.As(err, &dns):
		return dns.IsNotFound
	}
	// net/http's error for a scheme it does not speak has no type of its own.
	return strings.Contains(err.Error(), "unsupported protocol scheme")
}
