package cyrisma

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

const routeCreateUser = "POST /app/partner/instances/users/create"

func userInput(instanceID, username string) CreateUserInput {
	return CreateUserInput{InstanceID: instanceID, Username: username, FirstName: "Ann", LastName: "Lee"}
}

func userListed(list []User, id string) *User {
	for i := range list {
		if list[i].ID == id {
			return &list[i]
		}
	}
	return nil
}

func TestUserLifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, _ := newClient(t, ts)
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	created, err := c.CreateUser(ctx, userInput(root, "ann@acme.example"))
	if err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	want := User{ID: created.ID, Username: "ann@acme.example", FirstName: "Ann", LastName: "Lee", Enabled: "1", InstanceID: root}
	if created.ID == "" || *created != want || !created.IsEnabled() {
		t.Fatalf("created %+v, want %+v", created, want)
	}
	got, err := c.GetUser(ctx, created.ID)
	if err != nil || *got != want {
		t.Fatalf("GetUser: %+v, %v", got, err)
	}
	all, err := c.ListUsers(ctx)
	if err != nil || userListed(all, created.ID) == nil {
		t.Fatalf("ListUsers: %+v, %v; want the new user", all, err)
	}

	for range 2 { // disabling is idempotent
		if err := c.DisableUser(ctx, created.ID); err != nil {
			t.Fatalf("DisableUser: %v", err)
		}
	}
	got, err = c.GetUser(ctx, created.ID)
	if err != nil || got.Enabled != "0" || got.IsEnabled() {
		t.Fatalf("GetUser after disable: %+v, %v; want enabled \"0\"", got, err)
	}
	all, err = c.ListUsers(ctx)
	if listedUser := userListed(all, created.ID); err != nil || listedUser == nil || listedUser.IsEnabled() {
		t.Fatalf("ListUsers after disable: %+v, %v; want the user listed as disabled", listedUser, err)
	}
}

func TestUserIsEnabled(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]bool{"1": true, "true": true, "True": true, "0": false, "false": false, "": false} {
		if got := (&User{Enabled: value}).IsEnabled(); got != want {
			t.Errorf("IsEnabled(%q) = %t, want %t", value, got, want)
		}
	}
}

func TestUserErrors(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, _ := newClient(t, ts)
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	const unknown = "00000000-0000-4000-8000-000000000000"

	if _, err := c.GetUser(ctx, unknown); !httpclient.IsNotFound(err) || httpclient.HasStatus(err, http.StatusNotFound) {
		t.Fatalf("GetUser unknown: err = %v, want ErrNotFound from the empty array", err)
	}
	if err := c.DisableUser(ctx, unknown); !httpclient.HasStatus(err, http.StatusBadRequest) {
		t.Fatalf("DisableUser unknown: err = %v, want 400", err)
	}

	// Users belong to organizations: a standard instance is refused, and the
	// error names the instance_id field.
	std, err := c.CreateInstance(ctx, standardInput(root, "Initech", "initech"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitInstanceReadable(ctx, std.InstanceID, pollInterval); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{std.InstanceID, unknown} {
		_, err = c.CreateUser(ctx, userInput(id, "bob@initech.example"))
		apiErr, ok := httpclient.AsAPIError(err)
		if !ok || apiErr.StatusCode != http.StatusBadRequest || len(apiErr.FieldErrors["instance_id"]) != 1 {
			t.Fatalf("CreateUser under %s: err = %v, want a 400 about instance_id", id, err)
		}
	}
	in := userInput(root, "")
	if _, err := c.CreateUser(ctx, in); !httpclient.HasStatus(err, http.StatusBadRequest) {
		t.Fatalf("CreateUser without username: err = %v, want 400", err)
	}
}

func TestCreateUserNotRepeatedOnServerError(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, _ := newClient(t, ts)
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	ctx := context.Background()
	created, err := c.CreateUser(ctx, userInput(root, "ann@acme.example"))
	if err != nil {
		t.Fatal(err)
	}
	// Every create fails with a 503; the look-ups work.
	ts.Server.SetFaults(emulator.Faults{ErrorRate: 1, OnlyMethod: http.MethodPost})
	ts.Server.ResetRequestCounts()
	_, err = c.CreateUser(ctx, userInput(root, "carl@acme.example"))
	var uncertain *httpclient.UncertainError
	if !errors.As(err, &uncertain) || !httpclient.HasStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("err = %T %v, want an UncertainError wrapping a 503", err, err)
	}
	routes := ts.Server.RequestCounts().Routes
	if creates, lookups := routes[routeCreateUser], routes[routeListUsers]; creates < 1 || lookups < creates+1 {
		t.Fatalf("%d creates with %d look-ups, want each create preceded by a look-up", creates, lookups)
	}
	// Disabling is safe to repeat: retried (MaxRetries 2, so 3 attempts).
	ts.Server.SetFaults(emulator.Faults{ErrorRate: 1})
	ts.Server.ResetRequestCounts()
	err = c.DisableUser(ctx, created.ID)
	if errors.As(err, &uncertain) || !httpclient.HasStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("disable under 503s: err = %T %v, want a plain 503", err, err)
	}
	if got := ts.Server.RequestCounts().Routes["PATCH /app/partner/users/disable"]; got != 3 {
		t.Fatalf("%d disable requests, want 3", got)
	}
	ts.Server.SetFaults(emulator.Faults{})
	all, err := c.ListUsers(ctx)
	if err != nil || len(all) != 1 {
		t.Fatalf("%d users after the failed create, want 1 (%v)", len(all), err)
	}
}
