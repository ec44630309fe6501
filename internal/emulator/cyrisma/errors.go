package cyrisma

import (
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// Error codes used in the ErrorJson body {"error","error_description"}.
const (
	errInvalidRequest       = "invalid_request"
	errInvalidGrant         = "invalid_grant"
	errUnsupportedGrantType = "unsupported_grant_type"
	errInvalidToken         = "invalid_token"
	errInvalidInstance      = "invalid_instance"
)

// errorBody is the documented ErrorJson shape.
type errorBody struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// writeError answers status with an ErrorJson body.
func writeError(w http.ResponseWriter, status int, code, description string) {
	httpjson.Write(w, status, errorBody{Error: code, ErrorDescription: description})
}

// badRequest answers 400 invalid_request with "<field>: <msg>".
func badRequest(w http.ResponseWriter, field, msg string) {
	writeError(w, http.StatusBadRequest, errInvalidRequest, field+": "+msg)
}

// apiError is an error a store hands back for the handler to render.
type apiError struct {
	status      int
	code        string
	description string
}

// fieldError returns a 400 invalid_request error "<field>: <msg>".
func fieldError(field, msg string) *apiError {
	return &apiError{http.StatusBadRequest, errInvalidRequest, field + ": " + msg}
}

// instanceError returns a 400 invalid_instance error for id.
func instanceError(id string) *apiError {
	return &apiError{http.StatusBadRequest, errInvalidInstance, "instance_id: unknown instance " + id}
}

// write renders e.
func (e *apiError) write(w http.ResponseWriter) {
	writeError(w, e.status, e.code, e.description)
}
