package cryptr

import (
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// errorBody is the error envelope: {"error":{"type","message","doc_urls","details"?}}.
type errorBody struct {
	Error errorContent `json:"error"`
}

type errorContent struct {
	Type    string              `json:"type"`
	Message string              `json:"message"`
	DocURLs []string            `json:"doc_urls"`
	Details map[string][]string `json:"details,omitempty"`
}

// writeError answers status with the structured error envelope.
func writeError(w http.ResponseWriter, status int, typ, message string) {
	httpjson.Write(w, status, errorBody{Error: errorContent{Type: typ, Message: message, DocURLs: []string{}}})
}

// writeValidation answers 422 with per-field messages in details.
func writeValidation(w http.ResponseWriter, details map[string][]string) {
	httpjson.Write(w, http.StatusUnprocessableEntity, errorBody{Error: errorContent{
		Type:    "unprocessable_entity",
		Message: "validation failed",
		DocURLs: []string{},
		Details: details,
	}})
}

// writeNotFound answers 404 with type "not_found".
func writeNotFound(w http.ResponseWriter, what string) {
	writeError(w, http.StatusNotFound, "not_found", what+" not found")
}
