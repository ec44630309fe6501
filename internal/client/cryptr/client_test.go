package cryptr

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

func TestLoginIsLazyAndCached(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	if total := ts.Server.RequestCounts().Total; total != 0 || c.Logins() != 0 {
		t.Fatalf("New sent %d requests / %d logins; it must not log in before the first call", total, c.Logins())
	}
	ctx := context.Background()
	for range 3 {
		if _, err := c.ListOrganizations(ctx, ListOrganizationsOptions{}); err != nil {
			t.Fatalf("ListOrganizations: %v", err)
		}
	}
	if got := routeCount(ts, routeToken); got != 1 || c.Logins() != 1 {
		t.Fatalf("3 calls caused %d token requests (%d logins), want 1", got, c.Logins())
	}
}

func TestProductionKeyWorks(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	cfg := configFor(ts)
	f := ts.Server.Fixtures()
	cfg.ClientID, cfg.ClientSecret = f.CryptrProductionClientID, f.CryptrProductionClientSecret
	c := New(cfg, httpclient.Config{})
	if _, err := c.ListOrganizations(context.Background(), ListOrganizationsOptions{}); err != nil {
		t.Fatalf("ListOrganizations with the production key: %v", err)
	}
}

func TestBadCredentials(t *testing.T) {
	t.Parallel()
	tests := map[string]func(*Config){
		"secret":  func(c *Config) { c.ClientSecret = "cs_wrong" },
		"client":  func(c *Config) { c.ClientID = "keysandbox_unknown" },
		"account": func(c *Config) { c.AccountDomain = "someone-else" },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			ts := startEmulator(t)
			cfg := configFor(ts)
			mutate(&cfg)
			c := New(cfg, httpclient.Config{MaxRetries: 3})
			_, err := c.GetOrganization(context.Background(), "acme")
			apiErr, ok := httpclient.AsAPIError(err)
			if !ok || apiErr.StatusCode != http.StatusUnauthorized || apiErr.Code != "invalid_client" || apiErr.Service != "Cryptr" {
				t.Fatalf("err = %v, want a 401 invalid_client APIError", err)
			}
			if apiErr.Path != "/api/v2/oauth/token" || apiErr.Message == "" {
				t.Fatalf("APIError %+v should name the token request and carry the API's message", apiErr)
			}
			if got := routeCount(ts, routeToken); got != 1 {
				t.Fatalf("%d token requests; a 401 must not be retried", got)
			}
			if got := routeCount(ts, routeGet); got != 0 {
				t.Fatalf("the organization was read without a token")
			}
		})
	}
}

func TestTokenExpiryIsHandledWithoutReloginPerRequest(t *testing.T) {
	t.Parallel()
	ts := emulator.StartTestServer(emulator.Options{Faults: emulator.Faults{TokenTTLSeconds: 1}})
	t.Cleanup(ts.Close)
	c := newClient(t, ts)
	ctx := context.Background()
	requests := 0
	deadline := time.Now().Add(2200 * time.Millisecond) // spans at least two token expiries
	for time.Now().Before(deadline) {
		if _, err := c.ListOrganizations(ctx, ListOrganizationsOptions{}); err != nil {
			t.Fatalf("request %d failed across token expiry: %v", requests+1, err)
		}
		requests++
		time.Sleep(50 * time.Millisecond)
	}
	logins := c.Logins()
	t.Logf("%d requests, %d logins, counts %v", requests, logins, ts.Server.RequestCounts().Routes)
	if logins < 2 {
		t.Fatalf("only %d login over %d requests spanning token expiry; the token was not renewed", logins, requests)
	}
	if logins > requests/2 {
		t.Fatalf("%d logins for %d requests: the client logs in again at nearly every request", logins, requests)
	}
	if got := routeCount(ts, routeToken); got != logins {
		t.Fatalf("%d token requests for %d logins", got, logins)
	}
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want httpclient.APIError
	}{
		{"structured", `{"error":{"type":"unprocessable_entity","message":"validation failed","doc_urls":[],"details":{"name":["can't be blank"]}}}`,
			httpclient.APIError{Code: "unprocessable_entity", Message: "validation failed", FieldErrors: map[string][]string{"name": {"can't be blank"}}}},
		{"oauth", `{"error":"invalid_grant","error_description":"expired"}`, httpclient.APIError{Code: "invalid_grant", Message: "expired"}},
		{"rate limiter", `{"error":"rate_limited","message":"retry after 1 second"}`, httpclient.APIError{Code: "rate_limited", Message: "retry after 1 second"}},
		{"text", "  upstream timeout\n", httpclient.APIError{Message: "upstream timeout"}},
		{"other JSON", `{"status":"down"}`, httpclient.APIError{Message: `{"status":"down"}`}},
	}
	for _, tt := range tests {
		got := decodeError(400, []byte(tt.body))
		if got.Code != tt.want.Code || got.Message != tt.want.Message || len(got.FieldErrors) != len(tt.want.FieldErrors) ||
			(tt.want.FieldErrors != nil && got.FieldErrors["name"][0] != tt.want.FieldErrors["name"][0]) {
			t.Errorf("%s: decodeError = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
