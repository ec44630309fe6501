package cyrisma

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// routeGetInstance is the read by id.
const routeGetInstance = "GET /app/partner/instances/info/{instance_id}"

// createReadable provisions n standard instances under the root and waits
// until each can be read.
func createReadable(t *testing.T, c *Client, root string, n int) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ids := make([]string, n)
	for i := range ids {
		short := "refresh-" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		created, err := c.CreateInstance(ctx, standardInput(root, "Refresh "+short, short))
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = created.InstanceID
	}
	for _, id := range ids {
		if _, err := c.WaitInstanceReadable(ctx, id, pollInterval); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// refresh reads every instance with 10 workers (Terraform's default
// -parallelism) and returns whether each is suspended.
func refresh(t *testing.T, c *Client, ids []string) map[string]bool {
	t.Helper()
	var (
		mu        sync.Mutex
		suspended = map[string]bool{}
		wg        sync.WaitGroup
		work      = make(chan string)
	)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				inst, err := c.GetInstance(context.Background(), id)
				if err != nil {
					t.Error(err)
					continue
				}
				mu.Lock()
				suspended[id] = inst.Suspended()
				mu.Unlock()
			}
		}()
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	wg.Wait()
	return suspended
}

// TestRefreshSharesOneListing: a fresh client (a new provider process)
// refreshing N instances in parallel sends N reads by id and one full
// listing, and tells suspended instances (absent from the listing) from
// active ones; out-of-band suspensions cost at most one more listing each.
func TestRefreshSharesOneListing(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	setup, _ := newClient(t, ts)
	const n = 30
	ids := createReadable(t, setup, ts.Server.Fixtures().CyrismaRootInstanceID, n)

	ts.Server.ResetRequestCounts()
	c, _ := newClient(t, ts)
	for id, suspended := range refresh(t, c, ids) {
		if suspended {
			t.Errorf("%s: suspended, want active", id)
		}
	}
	routes := ts.Server.RequestCounts().Routes
	if routes[routeGetInstance] != n || routes[routeListInstances] != 1 {
		t.Fatalf("refresh of %d active instances: %d reads by id, %d listings; want %d and 1", n, routes[routeGetInstance], routes[routeListInstances], n)
	}
	t.Logf("refresh of %d active instances: %d requests (%d by id + %d listing)", n, routes[routeGetInstance]+routes[routeListInstances], routes[routeGetInstance], routes[routeListInstances])

	// Suspended elsewhere (another process): a new process sees it.
	const s = 3
	for _, id := range ids[:s] {
		if err := setup.SuspendInstance(context.Background(), id); err != nil {
			t.Fatal(err)
		}
	}
	ts.Server.ResetRequestCounts()
	c, _ = newClient(t, ts)
	got := refresh(t, c, ids)
	for i, id := range ids {
		if got[id] != (i < s) {
			t.Errorf("%s: suspended = %v, want %v", id, got[id], i < s)
		}
	}
	routes = ts.Server.RequestCounts().Routes
	if routes[routeGetInstance] != n || routes[routeListInstances] < 1 || routes[routeListInstances] > 1+s {
		t.Fatalf("refresh of %d instances, %d suspended: %d reads by id, %d listings; want %d and 1 to %d", n, s, routes[routeGetInstance], routes[routeListInstances], n, 1+s)
	}
	t.Logf("refresh of %d instances, %d suspended: %d by id + %d listings", n, s, routes[routeGetInstance], routes[routeListInstances])
}

// TestListingInvalidatedByOwnChanges: the client's own suspension,
// reactivation and create discard the shared listing, so its next read
// reports them at once; a conversion keeps it.
func TestListingInvalidatedByOwnChanges(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, _ := newClient(t, ts)
	ctx := context.Background()
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	id := createReadable(t, c, root, 1)[0]
	listings := func() int { return ts.Server.RequestCounts().Routes[routeListInstances] }
	expect := func(what string, wantSuspended bool, wantListings int) {
		t.Helper()
		ts.Server.ResetRequestCounts()
		inst, err := c.GetInstance(ctx, id)
		if err != nil || inst.Suspended() != wantSuspended || listings() != wantListings {
			t.Fatalf("%s: %+v, %v, %d listings; want suspended=%v and %d listings", what, inst, err, listings(), wantSuspended, wantListings)
		}
	}
	expect("first read", false, 1)
	expect("second read, within ListingTTL", false, 0)
	if err := c.SuspendInstance(ctx, id); err != nil {
		t.Fatal(err)
	}
	expect("after SuspendInstance", true, 1)
	expect("suspended, read again", true, 1) // a negative needs a listing sent after the read
	if err := c.ReactivateInstance(ctx, id); err != nil {
		t.Fatal(err)
	}
	expect("after ReactivateInstance", false, 1)
	if err := c.ConvertInstance(ctx, id); err != nil {
		t.Fatal(err)
	}
	expect("after ConvertInstance", false, 0)
	if _, err := c.CreateInstance(ctx, standardInput(root, "Another", "another")); err != nil {
		t.Fatal(err)
	}
	expect("after CreateInstance", false, 1)
}

// TestProvisionedAfterTheSharedListing: an instance that finished
// provisioning after the shared listing was sent is not taken for a
// suspended one: its absence is checked on a listing sent after its read.
// Waiting for a new instance sends no listing: a new instance is active.
func TestProvisionedAfterTheSharedListing(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, _ := newClient(t, ts)
	ctx := context.Background()
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	other := createReadable(t, c, root, 1)[0]
	created, err := c.CreateInstance(ctx, standardInput(root, "Late", "late"))
	if err != nil {
		t.Fatal(err)
	}
	// Shares a listing sent while the new instance is still provisioning.
	if _, err := c.GetInstance(ctx, other); err != nil {
		t.Fatal(err)
	}
	ts.Server.ResetRequestCounts()
	inst, err := c.WaitInstanceReadable(ctx, created.InstanceID, pollInterval)
	if err != nil || inst.Suspended() || ts.Server.RequestCounts().Routes[routeListInstances] != 0 {
		t.Fatalf("new instance: %+v, %v, %d listings; want it active, with no listing", inst, err, ts.Server.RequestCounts().Routes[routeListInstances])
	}
	inst, err = c.GetInstance(ctx, created.InstanceID)
	if err != nil || inst.Suspended() {
		t.Fatalf("new instance read again: %+v, %v; want it active", inst, err)
	}
	if n := ts.Server.RequestCounts().Routes[routeListInstances]; n != 1 {
		t.Fatalf("%d listings, want 1: the shared one predates the instance", n)
	}
}

// TestReportedEnabledNeedsNoListing: against an API that reports
// "enabled" (emulator.Options.CyrismaReportEnabled), no listing is sent.
func TestReportedEnabledNeedsNoListing(t *testing.T) {
	t.Parallel()
	ts := emulator.StartTestServer(emulator.Options{CyrismaProvisioningDelay: provisioningDelay, CyrismaReportEnabled: true})
	t.Cleanup(ts.Close)
	c, _ := newClient(t, ts)
	ids := createReadable(t, c, ts.Server.Fixtures().CyrismaRootInstanceID, 3)
	if err := c.SuspendInstance(context.Background(), ids[0]); err != nil {
		t.Fatal(err)
	}
	ts.Server.ResetRequestCounts()
	got := refresh(t, c, ids)
	if !got[ids[0]] || got[ids[1]] || got[ids[2]] {
		t.Fatalf("suspended: %v, want only %s", got, ids[0])
	}
	if routes := ts.Server.RequestCounts().Routes; routes[routeGetInstance] != 3 || routes[routeListInstances] != 0 {
		t.Fatalf("routes %v, want 3 reads by id and no listing", routes)
	}
}
