package cryptr

import (
	"encoding/json"
	"net/http"
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

// writeJSON answers status with v encoded as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers status with the structured error envelope.
func writeError(w http.ResponseWriter, status int, typ, message string) {
	writeJSON(w, status, errorBody{Error: errorContent{Type: typ, Message: message, DocURLs: []string{}}})
}

// writeValidation answers 422 with per-field messages in details.
func writeValidation(w http.ResponseWriter, details map[string][]string) {
	writeJSON(w, http.StatusUnprocessableEntity, errorBody{Error: errorContent{
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
