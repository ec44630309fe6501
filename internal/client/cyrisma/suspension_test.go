package cyrisma

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// TestSuspensionWithoutEnabledField: an API that does not report "enabled"
// (the reference documents none) still gives the right suspension, from the
// instance's absence from the full listing.
func TestSuspensionWithoutEnabledField(t *testing.T) {
	instance := func(id string) map[string]any {
		return map[string]any{"instance_id": id, "name": id, "instance_type": "standard"}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /partner/login", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "tok", "expires_in": 600})
	})
	mux.HandleFunc("GET /partner/instances/info", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode([]any{instance("active")})
	})
	mux.HandleFunc("GET /partner/instances/info/{id}", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode([]any{instance(r.PathValue("id"))})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c := New(Config{APIURL: srv.URL, APIKey: "k", APISecret: "s"}, httpclient.Config{Timeout: 5 * time.Second, UserAgent: "test"})
	for id, suspended := range map[string]bool{"active": false, "hidden": true} {
		inst, err := c.GetInstance(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if inst.Suspended() != suspended {
			t.Errorf("%s: Suspended() = %v, want %v", id, inst.Suspended(), suspended)
		}
	}
}
