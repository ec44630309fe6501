package synerise

import (
	"context"
	"net/http"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

func TestCheckPermissions(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	ctx := context.Background()
	got, workspace, err := newClient(apiKeyConfig(ts)).CheckPermissions(ctx, []string{"CATALOGS_CATALOG_READ", "NOT_A_GRANT"})
	if err != nil || workspace == "" || len(got) != 2 || !got["CATALOGS_CATALOG_READ"] || got["NOT_A_GRANT"] {
		t.Fatalf("CheckPermissions = %v, %q, %v", got, workspace, err)
	}
	if got, _, err := newClient(apiKeyConfig(ts)).CheckPermissions(ctx, nil); err != nil || len(got) != 0 {
		t.Fatalf("no names: %v, %v", got, err)
	}
	// The check is for API keys: a user token is refused.
	_, _, err = newClient(mfaUserConfig(ts)).CheckPermissions(ctx, []string{"CATALOGS_CATALOG_READ"})
	if apiErr, ok := httpclient.AsAPIError(err); !ok || apiErr.StatusCode != http.StatusForbidden {
		t.Fatalf("user token: err = %v, want 403", err)
	}
}
