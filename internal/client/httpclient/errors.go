package httpclient

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// APIError is an error answer from one of the APIs, decoded from the
// service's own error body shape.
type APIError struct {
	// Service names the API ("Cryptr", "Cyrisma", "Synerise").
	Service string
	// Method and Path identify the request that failed.
	Method string
	Path   string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the service's machine-readable error code or type, if any.
	Code string
	// Message is the human-readable explanation, if any.
	Message string
	// FieldErrors maps an API field name to the problems the API reported for it.
	FieldErrors map[string][]string
}

// Error implements error.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s API: %s %s answered %d %s", e.Service, e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	for _, field := range e.Fields() {
		detail := fmt.Sprintf("%s: %s", field, strings.Join(e.FieldErrors[field], ", "))
		if !strings.Contains(e.Message, detail) {
			fmt.Fprintf(&b, "; %s", detail)
		}
	}
	return b.String()
}

// Fields returns the names of the fields the API complained about, sorted.
func (e *APIError) Fields() []string {
	fields := make([]string, 0, len(e.FieldErrors))
	for f := range e.FieldErrors {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	return fields
}

// AsAPIError returns the APIError wrapped in err, if any.
func AsAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	ok := errors.As(err, &apiErr)
	return apiErr, ok
}

// HasStatus reports whether err is an APIError with the given HTTP status.
func HasStatus(err error, status int) bool {
	apiErr, ok := AsAPIError(err)
	return ok && apiErr.StatusCode == status
}

// IsNotFound reports whether err is an API answer saying the object does not exist.
func IsNotFound(err error) bool {
	return HasStatus(err, http.StatusNotFound) || errors.Is(err, ErrNotFound)
}

// ErrNotFound is returned (wrapped) by service clients when an API says an
// object is gone without using a 404, such as Cryptr's `deleted: true` or
// Cyrisma's empty array.
var ErrNotFound = errors.New("object not found")

// NotFoundError wraps ErrNotFound with a description of what was looked up.
func NotFoundError(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrNotFound)
}

// UncertainError reports a non-idempotent request (a create) whose outcome is
// unknown because the connection failed or the server erred after it was sent.
type UncertainError struct {
	Method, Path string
	Err          error
}

// Error implements error.
func (e *UncertainError) Error() string {
	return fmt.Sprintf("%s %s failed and was not retried, because repeating it could create a duplicate; the request may or may not have been applied: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the underlying failure.
func (e *UncertainError) Unwrap() error { return e.Err }

// MissingTokenError reports a login answer without the expected token.
func MissingTokenError(service, path string) *APIError {
	return &APIError{Service: service, Method: http.MethodPost, Path: path, StatusCode: http.StatusOK, Message: "the login answer has no token"}
}

// DecodeError reports a 2xx answer whose body is not the JSON the client
// expected (a broken proxy, an API change).
type DecodeError struct {
	Service      string
	Method, Path string
	StatusCode   int
	// Err is the JSON decoding error.
	Err error
}

// Error implements error.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("%s API: %s %s answered %d with a body that is not the expected JSON: %v", e.Service, e.Method, e.Path, e.StatusCode, e.Err)
}

// Unwrap returns the JSON decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }
