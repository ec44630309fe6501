package cryptr

import (
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// provisioningDelay keeps the asynchronous provisioning short.
const provisioningDelay = 100 * time.Millisecond

// pollInterval is how often the tests poll the emulator.
const pollInterval = 10 * time.Millisecond

func startEmulator(t *testing.T) *emulator.TestServer {
	t.Helper()
	return startEmulatorWithDelay(t, provisioningDelay)
}

// startEmulatorWithDelay starts an emulator whose organizations take delay to provision.
func startEmulatorWithDelay(t *testing.T, delay time.Duration) *emulator.TestServer {
	t.Helper()
	ts := emulator.StartTestServer(emulator.Options{CryptrProvisioningDelay: delay})
	t.Cleanup(ts.Close)
	return ts
}

// configFor returns the sandbox credentials of ts.
func configFor(ts *emulator.TestServer) Config {
	env := ts.Env()
	return Config{
		ServiceURL:    env["CRYPTR_SERVICE_URL"],
		AccountDomain: env["CRYPTR_ACCOUNT_DOMAIN"],
		ClientID:      env["CRYPTR_CLIENT_ID"],
		ClientSecret:  env["CRYPTR_CLIENT_SECRET"],
	}
}

func newClient(t *testing.T, ts *emulator.TestServer) *Client {
	t.Helper()
	return New(configFor(ts), httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2, UserAgent: "cryptr-client-test"})
}

// routeCount is how many requests ts counted for route ("METHOD /pattern").
func routeCount(ts *emulator.TestServer, route string) int {
	return ts.Server.RequestCounts().Routes[route]
}

const (
	routeToken  = "POST /api/v2/oauth/token"
	routeList   = "GET /api/v2/organizations"
	routeCreate = "POST /api/v2/organizations"
	routeGet    = "GET /api/v2/organizations/{domain}"
)
