package synerise

import (
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

const (
	routeAPIKeyLogin = "POST /uauth/v2/auth/login/profile"
	routeRefresh     = "GET /v4/auth/refresh/profile"
	routeUserLogin   = "POST /uauth/auth/login/user"
	routeMFA         = "POST /uauth/auth/login/user/mfa/verification"
	routeSelect      = "POST /uauth/auth/login/user/profile/{businessProfileUUID}"
)

func startEmulator(t *testing.T, faults emulator.Faults) *emulator.TestServer {
	t.Helper()
	ts := emulator.StartTestServer(emulator.Options{Faults: faults})
	t.Cleanup(ts.Close)
	return ts
}

func newClient(cfg Config) *Client {
	return New(cfg, httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2})
}

// newRenewingClient is newClient renewing its tokens 1.5 s before they
// expire, for the renewal tests (2 s tokens, checked after 1.6 s).
func newRenewingClient(cfg Config) *Client {
	return New(cfg, httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2, TokenRenewalMargin: 1500 * time.Millisecond})
}

// apiKeyConfig is the workspace API-key mode.
func apiKeyConfig(ts *emulator.TestServer) Config {
	env := ts.Env()
	return Config{APIURL: env["SYNERISE_API_URL"], APIKey: env["SYNERISE_API_KEY"]}
}

// mfaUserConfig is the exported user (with TOTP MFA) and workspace.
func mfaUserConfig(ts *emulator.TestServer) Config {
	env := ts.Env()
	return Config{
		APIURL: env["SYNERISE_API_URL"], Username: env["SYNERISE_USERNAME"], Password: env["SYNERISE_PASSWORD"],
		WorkspaceUUID: env["SYNERISE_WORKSPACE_UUID"], MFATOTPSecret: env["SYNERISE_MFA_TOTP_SECRET"],
	}
}

// noMFAUserConfig is the fixture user without MFA and without a workspace.
func noMFAUserConfig(ts *emulator.TestServer) Config {
	f := ts.Server.Fixtures()
	return Config{APIURL: ts.Env()["SYNERISE_API_URL"], Username: f.SyneriseNoMFAUsername, Password: f.SyneriseNoMFAPassword}
}

func routes(ts *emulator.TestServer) map[string]int { return ts.Server.RequestCounts().Routes }
