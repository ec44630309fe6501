package synerise

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	emusynerise "github.com/tenantops/terraform-provider-tenant/internal/emulator/synerise"
)

func TestAPIKeyMode(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c := newClient(apiKeyConfig(ts))
	if !c.UsesAPIKey() || ts.Server.RequestCounts().Total != 0 {
		t.Fatal("API-key client: wrong mode or logged in before the first request")
	}
	ctx := context.Background()
	cur, err := c.GetCurrentWorkspace(ctx)
	if err != nil {
		t.Fatalf("GetCurrentWorkspace: %v", err)
	}
	if !cur.Selected || cur.Data == nil || cur.Data.GUID != emusynerise.WorkspaceUUID || cur.Data.Name == "" || cur.Data.ID == 0 {
		t.Fatalf("current workspace %+v", cur)
	}
	_, err = c.ListWorkspaces(ctx)
	apiErr, ok := httpclient.AsAPIError(err)
	if !ok || apiErr.StatusCode != http.StatusForbidden || apiErr.Service != "Synerise" || apiErr.Message == "" {
		t.Fatalf("ListWorkspaces with an API key: err = %v, want a 403 APIError", err)
	}
	r := routes(ts)
	if r[routeAPIKeyLogin] != 1 || c.Logins() != 1 || r[routeUserLogin] != 0 {
		t.Fatalf("routes %v, logins %d: want one API-key login", r, c.Logins())
	}
}

func TestAPIKeyRenewalUsesRefresh(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{TokenTTLSeconds: 2})
	c := newRenewingClient(apiKeyConfig(ts))
	ctx := context.Background()
	if _, err := c.GetCurrentWorkspace(ctx); err != nil {
		t.Fatal(err)
	}
	// The token lives 2 to 3 s; after 1.6 s it is past half its life but
	// still valid, so it is renewed through the refresh endpoint.
	time.Sleep(1600 * time.Millisecond)
	for range 3 {
		if _, err := c.GetCurrentWorkspace(ctx); err != nil {
			t.Fatalf("GetCurrentWorkspace after renewal: %v", err)
		}
	}
	r := routes(ts)
	if r[routeAPIKeyLogin] != 1 || r[routeRefresh] != 1 || c.Logins() != 2 {
		t.Fatalf("routes %v, logins %d: want 1 API-key login then 1 refresh", r, c.Logins())
	}
}

func TestAPIKeyLoginFallbacks(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c := newClient(apiKeyConfig(ts))
	ctx := context.Background()

	// An expired previous token is not refreshed: straight to the API key.
	tok, err := c.apiKeyLogin(ctx, &httpclient.Token{AccessToken: "old", Expiry: time.Now().Add(-time.Second)})
	if err != nil || tok.AccessToken == "" || tok.Expiry.IsZero() {
		t.Fatalf("apiKeyLogin: %+v, %v", tok, err)
	}
	if r := routes(ts); r[routeRefresh] != 0 || r[routeAPIKeyLogin] != 1 {
		t.Fatalf("routes %v", r)
	}
	// A refresh the API refuses falls back to the API key.
	tok, err = c.apiKeyLogin(ctx, &httpclient.Token{AccessToken: "not-a-jwt", Expiry: time.Now().Add(time.Hour)})
	if err != nil || tok.AccessToken == "" {
		t.Fatalf("apiKeyLogin after a refused refresh: %+v, %v", tok, err)
	}
	if r := routes(ts); r[routeRefresh] != 1 || r[routeAPIKeyLogin] != 2 {
		t.Fatalf("routes %v", r)
	}

	bad := apiKeyConfig(ts)
	bad.APIKey = "00000000-0000-4000-8000-000000000000"
	if _, err := newClient(bad).GetCurrentWorkspace(ctx); !httpclient.HasStatus(err, http.StatusUnauthorized) {
		t.Fatalf("bad API key: err = %v, want 401", err)
	}
}

func TestUserWithoutMFA(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	ctx := context.Background()

	c := newClient(noMFAUserConfig(ts))
	if c.UsesAPIKey() {
		t.Fatal("user config reported as API-key mode")
	}
	list, err := c.ListWorkspaces(ctx)
	if err != nil {
		t.Fatalf("ListWorkspaces: %v", err)
	}
	guids := make([]string, 0, len(list))
	for _, ws := range list {
		guids = append(guids, ws.GUID)
		if ws.Name == "" || ws.ID == 0 || ws.Created == "" {
			t.Errorf("workspace %+v lacks fields", ws)
		}
	}
	sort.Strings(guids)
	want := []string{emusynerise.WorkspaceUUID, ts.Server.Fixtures().SyneriseSecondWorkspaceUUID}
	sort.Strings(want)
	if !slices.Equal(guids, want) {
		t.Fatalf("workspaces %v, want %v", guids, want)
	}
	cur, err := c.GetCurrentWorkspace(ctx)
	if err != nil || cur.Selected || cur.Data != nil {
		t.Fatalf("current workspace without a selection: %+v, %v", cur, err)
	}
	if r := routes(ts); r[routeUserLogin] != 1 || r[routeMFA] != 0 || r[routeSelect] != 0 {
		t.Fatalf("routes %v", r)
	}

	// With a workspace selected.
	cfg := noMFAUserConfig(ts)
	cfg.WorkspaceUUID = ts.Server.Fixtures().SyneriseSecondWorkspaceUUID
	cur, err = newClient(cfg).GetCurrentWorkspace(ctx)
	if err != nil || !cur.Selected || cur.Data == nil || cur.Data.GUID != cfg.WorkspaceUUID {
		t.Fatalf("current workspace after selecting %s: %+v, %v", cfg.WorkspaceUUID, cur, err)
	}
	if r := routes(ts); r[routeSelect] != 1 {
		t.Fatalf("routes %v", r)
	}

	// An unknown workspace is reported with its UUID.
	cfg.WorkspaceUUID = "00000000-0000-4000-8000-000000000000"
	_, err = newClient(cfg).GetCurrentWorkspace(ctx)
	if !httpclient.HasStatus(err, http.StatusNotFound) || !containsAll(err.Error(), "selecting Synerise workspace", cfg.WorkspaceUUID) {
		t.Fatalf("unknown workspace: err = %v", err)
	}

	bad := noMFAUserConfig(ts)
	bad.Password = "wrong"
	if _, err := newClient(bad).ListWorkspaces(ctx); !httpclient.HasStatus(err, http.StatusUnauthorized) {
		t.Fatalf("bad password: err = %v, want 401", err)
	}
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	body := `{"timestamp":"2025-01-01T00:00:00Z","status":400,"error":"Bad Request","message":"validation failed","path":"/x",
		"errors":[{"field":"name","message":"must not be blank"},{"field":"name","message":"too short"},{"field":"","message":"ignored"}]}`
	got := decodeError(400, []byte(body))
	if got.Code != "Bad Request" || got.Message != "validation failed" || !slices.Equal(got.FieldErrors["name"], []string{"must not be blank", "too short"}) || len(got.FieldErrors) != 1 {
		t.Fatalf("decodeError = %+v", got)
	}
	got = decodeError(403, []byte(`{"status":403,"error":"Forbidden","message":"workspace tokens cannot list workspaces"}`))
	if got.Code != "Forbidden" || got.Message != "workspace tokens cannot list workspaces" || got.FieldErrors != nil {
		t.Fatalf("decodeError = %+v", got)
	}
	if got := decodeError(502, []byte("<html>Bad Gateway</html>\n")); got.Message != "<html>Bad Gateway</html>" || got.Code != "" {
		t.Fatalf("decodeError(text) = %+v", got)
	}
}

// TestCurrentWorkspaceUUIDIsAskedOnce: the token's workspace cannot change,
// so however many resources need it, it is asked once per client.
func TestCurrentWorkspaceUUIDIsAskedOnce(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c := newClient(apiKeyConfig(ts))
	ctx := context.Background()
	first, err := c.CurrentWorkspaceUUID(ctx)
	if err != nil || first == "" {
		t.Fatalf("CurrentWorkspaceUUID = %q, %v", first, err)
	}
	for range 3 {
		if again, err := c.CurrentWorkspaceUUID(ctx); err != nil || again != first {
			t.Fatalf("CurrentWorkspaceUUID = %q, %v; want %q", again, err, first)
		}
	}
	if got := routes(ts)["GET /uauth/business-profile/current"]; got != 1 {
		t.Fatalf("%d requests for the current workspace, want 1", got)
	}
}
