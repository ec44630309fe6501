package cryptr

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// TestCreateSSOConnectionReportsTheCreateBeforeTheMetadata: the created
// callback receives the new connection after the create and before the
// metadata update is sent, so that when the update fails (every PUT
// answered 503 here) the caller has already recorded the connection that
// CreateSSOConnection's error leaves behind.
func TestCreateSSOConnectionReportsTheCreateBeforeTheMetadata(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := New(configFor(ts), httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 0, UserAgent: "cryptr-client-test"})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Callback Co"}); err != nil {
		t.Fatal(err)
	}
	const put = "PUT /api/v2/org/{domain}/sso-connection"
	ts.Server.SetFaults(emulator.Faults{ErrorRate: 1, OnlyMethod: http.MethodPut, OnlyPathPrefix: "/api/v2/org/callback-co/sso-connection"})

	var created *SSOConnection
	putsWhenCreated := -1
	conn, err := c.CreateSSOConnection(ctx, "callback-co", SSOConnectionInput{ProviderType: "saml.okta", Active: true, Metadata: ssoMetadata},
		func(s *SSOConnection) { created, putsWhenCreated = s, routeCount(ts, put) })
	if err == nil || conn != nil || !httpclient.HasStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("CreateSSOConnection = %+v, %v; want the update's 503", conn, err)
	}
	if created == nil || created.ID == "" || created.ProviderType != "saml.okta" {
		t.Fatalf("created was called with %+v, want the new connection", created)
	}
	if putsWhenCreated != 0 || routeCount(ts, put) != 1 {
		t.Errorf("created was called after %d PUTs (want 0), %d sent in all (want 1)", putsWhenCreated, routeCount(ts, put))
	}
	ts.Server.SetFaults(emulator.Faults{})
	held, err := c.GetSSOConnection(ctx, "callback-co")
	if err != nil || held.ID != created.ID || held.SAMLConfig.SSOProviderMetadata != "" {
		t.Errorf("the organization holds %+v (%v), want the connection created, without metadata", held, err)
	}

	// Without metadata there is one call; created is still called, once.
	calls := 0
	if _, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Callback Two"}); err != nil {
		t.Fatal(err)
	}
	conn, err = c.CreateSSOConnection(ctx, "callback-two", SSOConnectionInput{ProviderType: "saml.okta", Active: true},
		func(s *SSOConnection) { calls++ })
	if err != nil || conn == nil || calls != 1 {
		t.Errorf("CreateSSOConnection without metadata = %+v, %v; created called %d times, want once", conn, err, calls)
	}
}
