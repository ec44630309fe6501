package httpclient

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
)

func TestRetryReason(t *testing.T) {
	t.Parallel()
	withRetryAfter := http.Header{"Retry-After": {"3"}}
	long := http.Header{"Retry-After": {strings.Repeat("9", 500)}}
	tests := []struct {
		status int
		header http.Header
		err    error
		want   string
	}{
		{http.StatusServiceUnavailable, nil, nil, "503 Service Unavailable"},
		{http.StatusTooManyRequests, withRetryAfter, nil, "429 Too Many Requests, Retry-After: 3"},
		{http.StatusTooManyRequests, long, nil, "429 Too Many Requests, Retry-After: " + strings.Repeat("9", maxReasonValue) + "…"},
		{0, nil, &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, "connection refused"},
		{0, nil, fmt.Errorf("read: %w", syscall.ECONNRESET), "connection reset"},
		{0, nil, fmt.Errorf("Get: %w", io.EOF), "connection closed without an answer"},
		{0, nil, &net.DNSError{Err: "server misbehaving", IsTemporary: true}, "DNS lookup failed"},
		{0, nil, errors.New("something else"), "transport error"},
	}
	for _, tt := range tests {
		if got := retryReason(tt.status, tt.header, tt.err); got != tt.want {
			t.Errorf("retryReason(%d, %v, %v) = %q, want %q", tt.status, tt.header, tt.err, got, tt.want)
		}
	}
}
