package httpclient

import (
	"fmt"
	"io"
	"net/http"
)

// DefaultMaxResponseBytes is the largest answer body read when
// Config.MaxResponseBytes is zero.
const DefaultMaxResponseBytes int64 = 4 << 20

// ResponseTooLargeError reports an answer whose body is larger than
// Config.MaxResponseBytes: no more than the cap was read, nothing of it was
// decoded, and the request is not retried. For a create that got a 2xx (or a
// 5xx) it comes wrapped in an *UncertainError: the server did apply it.
type ResponseTooLargeError struct {
	// Service, Method and Path identify the call.
	Service      string
	Method, Path string
	// StatusCode is the answer's status.
	StatusCode int
	// Limit is the cap, in bytes.
	Limit int64
	// ContentLength is the size the server announced, or -1.
	ContentLength int64
}

// Error implements error.
func (e *ResponseTooLargeError) Error() string {
	size := "more than that"
	if e.ContentLength > e.Limit {
		size = fmt.Sprintf("%d bytes", e.ContentLength)
	}
	return fmt.Sprintf("%s API: %s %s answered %d %s with a body larger than the %d-byte cap on answers (%s): it was not read",
		e.Service, e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode), e.Limit, size)
}

// readLimited reads and closes body, reading at most limit+1 bytes: it
// returns tooLarge (and no data) when the body is larger than limit, as soon
// as the announced length or the bytes read say so.
func readLimited(body io.ReadCloser, contentLength, limit int64) (data []byte, tooLarge bool, err error) {
	defer body.Close()
	if contentLength > limit {
		return nil, true, nil
	}
	data, err = io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(data)) > limit {
		return nil, true, nil
	}
	return data, false, nil
}
