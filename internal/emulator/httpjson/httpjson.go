// Package httpjson writes JSON answers for the emulated APIs. It is shared
// by the emulator's packages only; the provider and its client never use it.
package httpjson

import (
	"encoding/json"
	"net/http"
)

// Write answers status with v encoded as JSON.
func Write(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
