package cryptr

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// peopleOrg creates an organization for the admin and user tests.
func peopleOrg(t *testing.T, c *Client, name string) string {
	t.Helper()
	org, err := c.CreateOrganization(context.Background(), OrganizationInput{Name: name})
	if err != nil {
		t.Fatalf("CreateOrganization: %v", err)
	}
	return org.Domain
}

func TestAdminLifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx := context.Background()
	domain := peopleOrg(t, c, "Barker Inc")

	created, err := c.CreateAdmin(ctx, domain, "it@barker.co")
	if err != nil {
		t.Fatalf("CreateAdmin: %v", err)
	}
	if created.ID == "" || created.Email != "it@barker.co" || created.Organization.Domain != domain || created.Color == "" ||
		created.InvitedAt == "" || created.InsertedAt == "" || created.UpdatedAt == "" ||
		created.AcceptedInvitationAt != "" || created.DeclinedToBeInChargeAt != "" || created.LastLoginAt != "" {
		t.Fatalf("created = %+v", created)
	}
	got, err := c.GetAdmin(ctx, domain, "it@barker.co")
	if err != nil || got.ID != created.ID {
		t.Fatalf("GetAdmin = %+v, %v", got, err)
	}

	_, err = c.CreateAdmin(ctx, domain, "it@barker.co")
	if apiErr, ok := httpclient.AsAPIError(err); !ok || apiErr.StatusCode != http.StatusUnprocessableEntity || len(apiErr.FieldErrors["email"]) != 1 {
		t.Fatalf("duplicate: err = %v, want 422 with details.email", err)
	}

	if err := c.DeleteAdmin(ctx, domain, "it@barker.co"); err != nil {
		t.Fatalf("DeleteAdmin: %v", err)
	}
	if _, err := c.GetAdmin(ctx, domain, "it@barker.co"); !httpclient.IsNotFound(err) {
		t.Fatalf("GetAdmin after delete: %v, want not found", err)
	}
	if err := c.DeleteAdmin(ctx, domain, "it@barker.co"); !httpclient.IsNotFound(err) {
		t.Fatalf("DeleteAdmin again: %v, want not found", err)
	}
	if _, err := c.GetAdmin(ctx, "no-such-org", "it@barker.co"); !httpclient.IsNotFound(err) {
		t.Fatalf("GetAdmin of an unknown organization: %v", err)
	}
}

func TestListAdminsFollowsPages(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx := context.Background()
	domain := peopleOrg(t, c, "Shark Academy")
	const n = defaultPerPage + 5
	for i := range n {
		if _, err := c.CreateAdmin(ctx, domain, fmt.Sprintf("admin%02d@shark.co", i)); err != nil {
			t.Fatal(err)
		}
	}
	admins, err := c.ListAdmins(ctx, domain)
	if err != nil {
		t.Fatalf("ListAdmins: %v", err)
	}
	if len(admins) != n || admins[0].Email != fmt.Sprintf("admin%02d@shark.co", n-1) || admins[n-1].Email != "admin00@shark.co" {
		t.Fatalf("got %d admins, first %+v", len(admins), admins[0])
	}
	if got := routeCount(ts, "GET /api/v2/org/{domain}/admins"); got != 2 {
		t.Fatalf("%d list requests, want 2", got)
	}
}
