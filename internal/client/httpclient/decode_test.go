package httpclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestUndecodableAnswerToACreateIsUncertain(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"id": 12`))
	})
	c := newTestClient(t, srv, 0)
	var out struct{ ID int }
	_, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/things", Result: &out})
	var uncertain *UncertainError
	if !errors.As(err, &uncertain) {
		t.Fatalf("a create whose answer cannot be read must be uncertain, got %v", err)
	}
	_, err = c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/things/1", Result: &out})
	if err == nil || errors.As(err, &uncertain) {
		t.Fatalf("a read with a bad body is a plain error, got %v", err)
	}
}

func TestAPIErrorDoesNotRepeatFieldText(t *testing.T) {
	e := &APIError{Service: "Cyrisma", Method: "PATCH", Path: "/x", StatusCode: 400,
		Message: "instance_id: unknown instance 42", FieldErrors: map[string][]string{"instance_id": {"unknown instance 42"}}}
	if got := e.Error(); strings.Count(got, "unknown instance 42") != 1 {
		t.Fatalf("field text repeated: %s", got)
	}
	e.Message = "validation failed"
	if got := e.Error(); !strings.Contains(got, "validation failed; instance_id: unknown instance 42") {
		t.Fatalf("field text missing: %s", got)
	}
}
