package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// FuzzPutFaults sends arbitrary bodies to PUT /_emulator/faults. The answer
// must be 200 with faults that validate and are now in force, or 400
// {"error":"invalid_request","message":...} with the faults unchanged;
// never a panic nor another status.
func FuzzPutFaults(f *testing.F) {
	f.Add(`{"latency_ms":5,"error_rate":0.5,"rate_limit_per_second":7,"drop_rate":0.25,"drop_after_commit_rate":0.1,"token_ttl_seconds":9}`)
	f.Add(`{}`)
	f.Add(`{"error_rate":1.5}`)
	f.Add(`{"drop_after_commit_rate":-0}`)
	f.Add(`{"latency_ms":1e3}`)
	f.Add(`{"jitter_ms":3}`)
	f.Add(`{} {}`)
	f.Add(``)
	f.Add(`null`)
	s := emulator.New(emulator.Options{}) // one server: making one per input is slow (RSA keys)
	before := emulator.Faults{LatencyMS: 1}
	f.Fuzz(func(t *testing.T, body string) {
		s.SetFaults(before)
		req := httptest.NewRequest(http.MethodPut, "/_emulator/faults", strings.NewReader(body))
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK:
			var got emulator.Faults
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Validate() != nil || got != s.Faults() {
				t.Fatalf("200 %q for body %q, in force %+v", rec.Body, body, s.Faults())
			}
		case http.StatusBadRequest:
			var e map[string]string
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e["error"] != "invalid_request" ||
				e["message"] == "" || len(e) != 2 {
				t.Fatalf("400 without the typed error: %q", rec.Body)
			}
			if s.Faults() != before {
				t.Fatalf("refused body %q changed the faults to %+v", body, s.Faults())
			}
		default:
			t.Fatalf("status %d for body %q: %q", rec.Code, body, rec.Body)
		}
	})
}
