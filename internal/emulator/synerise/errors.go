package synerise

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// errorBody is the Spring-Boot style error body.
type errorBody struct {
	Timestamp string `json:"timestamp"`
	Status    int    `json:"status"`
	Error     string `json:"error"`
	Message   string `json:"message"`
	Path      string `json:"path"`
}

// apiError is an error for a handler to render.
type apiError struct {
	status  int
	message string
}

// write renders e for request r.
func (e *apiError) write(w http.ResponseWriter, r *http.Request) {
	httpjson.Write(w, e.status, errorBody{
		Timestamp: time.Now().UTC().Format(time.RFC3339),
		Status:    e.status,
		Error:     http.StatusText(e.status),
		Message:   e.message,
		Path:      r.URL.Path,
	})
}

// fail answers status with an error body carrying message.
func fail(w http.ResponseWriter, r *http.Request, status int, message string) {
	(&apiError{status, message}).write(w, r)
}

// maxBodyBytes caps request bodies.
const maxBodyBytes = 1 << 20

// decodeBody reads a JSON body into v, answering 400 on failure; ok reports
// whether the handler may continue. Unknown fields are ignored.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err == nil && len(raw) == 0 {
		err = errors.New("request body is empty")
	}
	if err == nil {
		err = json.Unmarshal(raw, v)
	}
	if err != nil {
		fail(w, r, http.StatusBadRequest, "Malformed JSON request body: "+err.Error())
		return false
	}
	return true
}
