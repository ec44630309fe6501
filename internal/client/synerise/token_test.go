package synerise

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

func TestWorkspaceToken(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	ctx := context.Background()
	for name, cfg := range map[string]Config{"api key": apiKeyConfig(ts), "user with MFA": mfaUserConfig(ts)} {
		c := newClient(cfg)
		before := time.Now()
		token, expiry, err := c.WorkspaceToken(ctx)
		if err != nil || token == "" {
			t.Fatalf("%s: WorkspaceToken: %q, %v", name, token, err)
		}
		// The emulator's tokens are readable JWTs living 3600 s.
		if expiry.Before(before.Add(3599*time.Second)) || expiry.After(time.Now().Add(3601*time.Second)) {
			t.Fatalf("%s: expiry %s, want about an hour from now", name, expiry)
		}
		// It is the token the client uses: no second login.
		if _, err := c.GetCurrentWorkspace(ctx); err != nil {
			t.Fatal(err)
		}
		again, _, err := c.WorkspaceToken(ctx)
		if err != nil || again != token || c.Logins() != 1 {
			t.Fatalf("%s: second WorkspaceToken changed the token or logged in again (logins %d, %v)", name, c.Logins(), err)
		}
	}

	// A user without a selected workspace has no workspace token; nothing is sent.
	ts.Server.ResetRequestCounts()
	_, _, err := newClient(noMFAUserConfig(ts)).WorkspaceToken(ctx)
	if !errors.Is(err, ErrNoWorkspaceSelected) || !containsAll(err.Error(), "workspace_uuid", "SYNERISE_WORKSPACE_UUID") {
		t.Fatalf("err = %v, want ErrNoWorkspaceSelected naming the setting", err)
	}
	if n := ts.Server.RequestCounts().Total; n != 0 {
		t.Fatalf("%d requests for a token that cannot exist", n)
	}
}

// TestWorkspaceTokenPastHalfLife hands over a renewed token rather than one
// about to expire: by the legacy refresh with an API key, by a new login
// (and selection) for a user, which has no refresh endpoint.
func TestWorkspaceTokenPastHalfLife(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{TokenTTLSeconds: 2})
	ctx := context.Background()
	key, user := newRenewingClient(apiKeyConfig(ts)), newRenewingClient(mfaUserConfig(ts))
	first := map[*Client]string{}
	for _, c := range []*Client{key, user} {
		tok, _, err := c.WorkspaceToken(ctx)
		if err != nil {
			t.Fatal(err)
		}
		first[c] = tok
	}
	time.Sleep(1600 * time.Millisecond) // tokens live 2 to 3 s: past half-life, still valid
	for _, c := range []*Client{key, user} {
		tok, expiry, err := c.WorkspaceToken(ctx)
		if err != nil || tok == first[c] || time.Until(expiry) < time.Second {
			t.Fatalf("WorkspaceToken past half-life: same token %v, expiry in %s, %v", tok == first[c], time.Until(expiry), err)
		}
	}
	r := routes(ts)
	if r[routeAPIKeyLogin] != 1 || r[routeRefresh] != 1 || r[routeUserLogin] != 2 || r[routeMFA] != 2 || r[routeSelect] != 2 {
		t.Fatalf("routes %v: want the API key refreshed once, the user logged in twice", r)
	}
}

// TestUserTokenRenewedByNewLogin: a user token near its expiry is replaced
// by a whole new login (login, MFA, selection) before a request, never sent
// expired.
func TestUserTokenRenewedByNewLogin(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{TokenTTLSeconds: 2})
	c := newRenewingClient(mfaUserConfig(ts))
	ctx := context.Background()
	if _, err := c.ListWorkspaces(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1600 * time.Millisecond)
	for range 3 {
		if _, err := c.ListWorkspaces(ctx); err != nil {
			t.Fatalf("ListWorkspaces after renewal: %v", err)
		}
	}
	r := routes(ts)
	if r[routeUserLogin] != 2 || r[routeMFA] != 2 || r[routeSelect] != 2 || r[routeRefresh] != 0 || c.Logins() != 2 {
		t.Fatalf("routes %v, logins %d: want two whole user logins and no refresh", r, c.Logins())
	}
	if r["GET /uauth/business-profile/{$}"] != 4 {
		t.Fatalf("routes %v: a list was refused and retried", r)
	}
}
