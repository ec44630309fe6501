package httpclient

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestAPIErrorError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  *APIError
		want string
	}{
		{
			name: "full",
			err: &APIError{Service: "Cryptr", Method: "POST", Path: "/api/v2/organizations", StatusCode: 422, Code: "unprocessable_entity", Message: "validation failed",
				FieldErrors: map[string][]string{"name": {"can't be blank", "is too short"}, "allowed_email_domains": {"bad"}}},
			want: "Cryptr API: POST /api/v2/organizations answered 422 Unprocessable Entity (unprocessable_entity): validation failed; allowed_email_domains: bad; name: can't be blank, is too short",
		},
		{
			name: "bare",
			err:  &APIError{Service: "Synerise", Method: "GET", Path: "/uauth/business-profile/", StatusCode: 403},
			want: "Synerise API: GET /uauth/business-profile/ answered 403 Forbidden",
		},
		{
			name: "message only",
			err:  &APIError{Service: "Cyrisma", Method: "GET", Path: "/partner/instances/info", StatusCode: 503, Message: "injected fault"},
			want: "Cyrisma API: GET /partner/instances/info answered 503 Service Unavailable: injected fault",
		},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	if fields := tests[0].err.Fields(); strings.Join(fields, ",") != "allowed_email_domains,name" {
		t.Errorf("Fields() = %v, want sorted names", fields)
	}
}

func TestAsAPIErrorAndHasStatus(t *testing.T) {
	t.Parallel()
	apiErr := &APIError{StatusCode: 409}
	wrapped := fmt.Errorf("creating: %w", &UncertainError{Method: "POST", Path: "/x", Err: apiErr})
	got, ok := AsAPIError(wrapped)
	if !ok || got != apiErr {
		t.Fatalf("AsAPIError did not find the wrapped APIError")
	}
	if !HasStatus(wrapped, 409) || HasStatus(wrapped, 404) || HasStatus(errors.New("x"), 409) || HasStatus(nil, 409) {
		t.Fatal("HasStatus gave a wrong answer")
	}
	if _, ok := AsAPIError(errors.New("plain")); ok {
		t.Fatal("AsAPIError found an APIError in a plain error")
	}
}

func TestIsNotFound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"404", &APIError{StatusCode: http.StatusNotFound}, true},
		{"wrapped 404", fmt.Errorf("reading: %w", &APIError{StatusCode: http.StatusNotFound}), true},
		{"ErrNotFound", ErrNotFound, true},
		{"NotFoundError", NotFoundError("Cryptr organization %q was deleted", "acme"), true},
		{"wrapped NotFoundError", fmt.Errorf("read: %w", NotFoundError("instance %s", "x")), true},
		{"410", &APIError{StatusCode: http.StatusGone}, false},
		{"400", &APIError{StatusCode: http.StatusBadRequest}, false},
		{"other", errors.New("not found"), false},
	}
	for _, tt := range tests {
		if got := IsNotFound(tt.err); got != tt.want {
			t.Errorf("%s: IsNotFound = %v, want %v", tt.name, got, tt.want)
		}
	}
	if msg := NotFoundError("Cryptr organization %q was deleted", "acme").Error(); msg != `Cryptr organization "acme" was deleted: object not found` {
		t.Errorf("NotFoundError message %q", msg)
	}
}

func TestUncertainError(t *testing.T) {
	t.Parallel()
	inner := &APIError{Service: "Cyrisma", Method: "POST", Path: "/partner/instances/create", StatusCode: 503}
	err := error(&UncertainError{Method: "POST", Path: "/partner/instances/create", Err: inner})
	msg := err.Error()
	for _, want := range []string{"POST /partner/instances/create", "not retried", "duplicate", "may or may not have been applied", "503"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if !errors.Is(err, inner) || !HasStatus(err, 503) {
		t.Error("UncertainError does not unwrap to its cause")
	}
}
