package httpclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"syscall"
)

// maxReasonValue is the most of a header value quoted in a retry reason.
const maxReasonValue = 64

// retryReason says in a few words why an attempt failed, for the retry
// warning: "503 Service Unavailable", "429 Too Many Requests, Retry-After: 3",
// "connection refused".
func retryReason(status int, header http.Header, err error) string {
	if err == nil {
		reason := fmt.Sprintf("%d %s", status, http.StatusText(status))
		if ra := header.Get("Retry-After"); ra != "" {
			if len(ra) > maxReasonValue {
				ra = ra[:maxReasonValue] + "…"
			}
			reason += ", Retry-After: " + ra
		}
		return reason
	}
	var netErr net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed without an answer"
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return "DNS lookup failed"
	}
	return "transport error"
}
