package cyrisma

import (
	"context"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/clienttest"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// TestCreatesAreMadeOnceWhenTheirAnswerIsLost: an instance or user create
// whose answer is lost after the API applied it is found by its natural key
// (an instance once it has provisioned), and one lost before it reached the
// API is sent again; either way exactly one object exists.
func TestCreatesAreMadeOnceWhenTheirAnswerIsLost(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	setup, _ := newClient(t, ts)
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	org, err := setup.CreateInstance(ctx, CreateInstanceInput{
		InstanceType: "organization", ParentInstanceID: root, Name: "Lossy Org", ShortName: "lossy", Country: "US", Email: "ops@lossy.example",
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setup.WaitInstanceReadable(ctx, org.InstanceID, pollInterval); err != nil {
		t.Fatal(err)
	}
	for _, lostAfter := range []bool{true, false} {
		lossy := func(suffix string) (*Client, *clienttest.LosingTransport) {
			l := &clienttest.LosingTransport{Suffix: suffix, AfterCommit: lostAfter}
			return New(Config{
				APIURL: configFor(ts).APIURL, APIKey: configFor(ts).APIKey, APISecret: configFor(ts).APISecret,
				LookupWait: 2 * time.Second,
			}, httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2, Transport: l}), l
		}
		suffix := map[bool]string{true: "after", false: "before"}[lostAfter]

		c, l := lossy("/instances/create")
		short := "lost-" + suffix
		created, err := c.CreateInstance(ctx, standardInput(org.InstanceID, "Lost "+suffix, short))
		if err != nil || created.InstanceID == "" || !l.Lost() {
			t.Fatalf("lost %s: CreateInstance = %+v, %v (lost: %v)", suffix, created, err, l.Lost())
		}
		if _, err := setup.WaitInstanceReadable(ctx, created.InstanceID, pollInterval); err != nil {
			t.Fatal(err)
		}
		list, err := setup.ListInstances(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n := countInstances(list, short); n != 1 {
			t.Fatalf("lost %s: %d instances named %q, want 1", suffix, n, short)
		}

		c, l = lossy("/users/create")
		username := "lost-" + suffix + "@lossy.example"
		user, err := c.CreateUser(ctx, userInput(org.InstanceID, username))
		if err != nil || user.ID == "" || !l.Lost() {
			t.Fatalf("lost %s: CreateUser = %+v, %v (lost: %v)", suffix, user, err, l.Lost())
		}
		users, err := setup.ListUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, u := range users {
			if u.Username == username {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("lost %s: %d users named %q, want 1", suffix, n, username)
		}
	}
}

func countInstances(list []Instance, short string) int {
	n := 0
	for _, inst := range list {
		if inst.ShortName == short {
			n++
		}
	}
	return n
}
