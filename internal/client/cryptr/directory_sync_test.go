package cryptr

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// connTestOrg creates an organization for the connection tests.
func connTestOrg(ctx context.Context, t *testing.T, c *Client, name string) string {
	t.Helper()
	org, err := c.CreateOrganization(ctx, OrganizationInput{Name: name})
	if err != nil {
		t.Fatalf("CreateOrganization: %v", err)
	}
	return org.Domain
}

// productionClient returns a client authenticated with ts's production key.
func productionClient(t *testing.T, ts *emulator.TestServer) *Client {
	t.Helper()
	cfg := configFor(ts)
	fx := ts.Server.Fixtures()
	cfg.ClientID, cfg.ClientSecret = fx.CryptrProductionClientID, fx.CryptrProductionClientSecret
	return New(cfg, httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2, UserAgent: "cryptr-client-test"})
}

func TestDirectorySyncLifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	domain := connTestOrg(ctx, t, c, "Barker Inc")

	if _, err := c.GetDirectorySync(ctx, domain); !httpclient.IsNotFound(err) {
		t.Fatalf("GetDirectorySync before create: err = %v, want not found", err)
	}
	created, err := c.CreateDirectorySync(ctx, domain)
	if err != nil {
		t.Fatalf("CreateDirectorySync: %v", err)
	}
	if created.ID == "" || !created.Active || created.Environment != "sandbox" || created.Domain != domain || created.ProviderType != nil || created.InsertedAt == "" {
		t.Fatalf("created = %+v", created)
	}
	first := created.Token()
	if !regexp.MustCompile(`^barker-inc\.sandbox\..{20,}`).MatchString(first) {
		t.Fatalf("token = %q", first)
	}

	got, err := c.GetDirectorySync(ctx, domain)
	if err != nil || got.ID != created.ID || got.Token() != "" || got.AuthSecretToken.Value != "hidden" {
		t.Fatalf("GetDirectorySync = %+v, %v; the token must be hidden", got, err)
	}
	if _, err := c.CreateDirectorySync(ctx, domain); !IsConflict(err) {
		t.Fatalf("second create: err = %v, want a conflict", err)
	}

	off, err := c.UpdateDirectorySync(ctx, domain, false)
	if err != nil || off.Active || off.Token() != "" {
		t.Fatalf("UpdateDirectorySync(false) = %+v, %v", off, err)
	}
	reset, err := c.ResetDirectorySyncToken(ctx, domain)
	if err != nil || reset.Token() == "" || reset.Token() == first || reset.Active {
		t.Fatalf("ResetDirectorySyncToken = %+v, %v", reset, err)
	}
	if on, err := c.UpdateDirectorySync(ctx, domain, true); err != nil || !on.Active {
		t.Fatalf("UpdateDirectorySync(true) = %+v, %v", on, err)
	}

	// Directory syncs are per environment: production has none yet.
	prod := productionClient(t, ts)
	if _, err := prod.GetDirectorySync(ctx, domain); !httpclient.IsNotFound(err) {
		t.Fatalf("production GetDirectorySync: err = %v, want not found", err)
	}
	if p, err := prod.CreateDirectorySync(ctx, domain); err != nil || p.Environment != "production" || p.ID == created.ID {
		t.Fatalf("production CreateDirectorySync = %+v, %v", p, err)
	}

	if err := c.DeleteOrganization(ctx, domain); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetDirectorySync(ctx, domain); !httpclient.IsNotFound(err) {
		t.Fatalf("GetDirectorySync after the organization was deleted: err = %v, want not found", err)
	}
}

func TestDirectorySyncNoResultIsNotFound(t *testing.T) {
	t.Parallel()
	c := connFakeClient(t, `{"__type__":"NoResult"}`)
	if _, err := c.GetDirectorySync(context.Background(), "acme"); !httpclient.IsNotFound(err) {
		t.Fatalf("err = %v, want not found for a NoResult answer", err)
	}
}

// connFakeClient returns a client of a fake Cryptr that grants any login and
// answers body to every other request.
func connFakeClient(t *testing.T, body string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/v2/oauth/token" {
			_, _ = w.Write([]byte(`{"access_token":"opaque"}`))
			return
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return New(Config{ServiceURL: srv.URL, AccountDomain: "acme", ClientID: "id", ClientSecret: "secret"},
		httpclient.Config{Timeout: 5 * time.Second, UserAgent: "cryptr-client-test"})
}
