package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// registerAdmin adds the admin API routes under /_emulator/.
func (s *Server) registerAdmin(mux *http.ServeMux) {
	mux.HandleFunc("GET /_emulator/healthz", func(w http.ResponseWriter, _ *http.Request) {
		httpjson.Write(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /_emulator/requests", func(w http.ResponseWriter, _ *http.Request) {
		httpjson.Write(w, http.StatusOK, s.RequestCounts())
	})
	mux.HandleFunc("DELETE /_emulator/requests", func(w http.ResponseWriter, _ *http.Request) {
		s.ResetRequestCounts()
		httpjson.Write(w, http.StatusOK, s.RequestCounts())
	})
	mux.HandleFunc("GET /_emulator/faults", func(w http.ResponseWriter, _ *http.Request) {
		httpjson.Write(w, http.StatusOK, s.Faults())
	})
	mux.HandleFunc("PUT /_emulator/faults", s.handlePutFaults)
	mux.HandleFunc("GET /_emulator/state", func(w http.ResponseWriter, _ *http.Request) {
		httpjson.Write(w, http.StatusOK, s.State())
	})
}

// handlePutFaults replaces the faults with the full JSON object in the body;
// absent fields are zero (off), unknown fields or bad values → 400.
func (s *Server) handlePutFaults(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
	if err != nil {
		adminError(w, "cannot read body: "+err.Error())
		return
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var f Faults
	if err := dec.Decode(&f); err != nil {
		adminError(w, "invalid faults JSON: "+err.Error())
		return
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); err != io.EOF {
		adminError(w, "invalid faults JSON: trailing data")
		return
	}
	if err := f.Validate(); err != nil {
		adminError(w, err.Error())
		return
	}
	s.SetFaults(f)
	httpjson.Write(w, http.StatusOK, f)
}

func adminError(w http.ResponseWriter, msg string) {
	httpjson.Write(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "message": msg})
}
