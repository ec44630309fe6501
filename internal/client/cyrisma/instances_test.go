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

func standardInput(root, name, short string) CreateInstanceInput {
	return CreateInstanceInput{
		InstanceType: "standard", IsConsulting: true, ParentInstanceID: root,
		Name: name, ShortName: short, Country: "US", Email: "ops@" + short + ".example", MFAType: MFAEmail, City: "Austin",
	}
}

func listed(list []Instance, id string) bool {
	for _, inst := range list {
		if inst.InstanceID == id {
			return true
		}
	}
	return false
}

func TestInstanceLifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, _ := newClient(t, ts)
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	created, err := c.CreateInstance(ctx, standardInput(root, "Globex Corp", "globex"))
	if err != nil {
		t.Fatalf("CreateInstance: %v", err)
	}
	if created.InstanceID == "" || len(created.AgentKey) != 32 {
		t.Fatalf("created %+v", created)
	}
	// Still provisioning: the API answers [] and the client says not found.
	if _, err := c.GetInstance(ctx, created.InstanceID); !httpclient.IsNotFound(err) || !errors.Is(err, httpclient.ErrNotFound) {
		t.Fatalf("Get during provisioning: err = %v, want not found", err)
	}

	inst, err := c.WaitInstanceReadable(ctx, created.InstanceID, pollInterval)
	if err != nil {
		t.Fatalf("WaitInstanceReadable: %v", err)
	}
	if inst.InstanceID != created.InstanceID || inst.Name != "Globex Corp" || inst.ShortName != "globex" || inst.ParentID != root ||
		inst.InstanceType != "standard" || !inst.IsConsulting || inst.MFA != MFAEmail || inst.AgentKey != created.AgentKey ||
		inst.Enabled == nil || *inst.Enabled != 1 || inst.Suspended() || inst.Hierarchy != root+"/"+created.InstanceID {
		t.Fatalf("read instance %+v", inst)
	}
	got, err := c.GetInstance(ctx, created.InstanceID)
	if err != nil || got.Name != "Globex Corp" {
		t.Fatalf("GetInstance: %+v, %v", got, err)
	}
	all, err := c.ListInstances(ctx)
	if err != nil || !listed(all, created.InstanceID) || !listed(all, root) {
		t.Fatalf("ListInstances: %d instances, %v; want the new one and the root", len(all), err)
	}

	// Suspended instances disappear from the list but can still be read.
	for range 2 { // suspending is idempotent
		if err := c.SuspendInstance(ctx, created.InstanceID); err != nil {
			t.Fatalf("SuspendInstance: %v", err)
		}
	}
	all, err = c.ListInstances(ctx)
	if err != nil || listed(all, created.InstanceID) {
		t.Fatalf("ListInstances after suspend: listed=%v, %v; want it hidden", listed(all, created.InstanceID), err)
	}
	suspended, err := c.GetInstance(ctx, created.InstanceID)
	if err != nil || !suspended.Suspended() {
		t.Fatalf("GetInstance of a suspended instance: %+v, %v", suspended, err)
	}

	if err := c.ReactivateInstance(ctx, created.InstanceID); err != nil {
		t.Fatalf("ReactivateInstance: %v", err)
	}
	if got, err := c.GetInstance(ctx, created.InstanceID); err != nil || got.Suspended() {
		t.Fatalf("after reactivation: %+v, %v", got, err)
	}
	if all, _ := c.ListInstances(ctx); !listed(all, created.InstanceID) {
		t.Fatal("a reactivated instance is listed again")
	}

	if err := c.SetInstanceMFA(ctx, created.InstanceID, MFAAuthenticator); err != nil {
		t.Fatalf("SetInstanceMFA: %v", err)
	}
	if got, _ := c.GetInstance(ctx, created.InstanceID); got == nil || got.MFA != MFAAuthenticator {
		t.Fatalf("MFA after SetInstanceMFA: %+v", got)
	}

	if err := c.ConvertInstance(ctx, created.InstanceID); err != nil {
		t.Fatalf("ConvertInstance: %v", err)
	}
	if got, _ := c.GetInstance(ctx, created.InstanceID); got == nil || got.IsConsulting {
		t.Fatalf("after conversion: %+v, want is_consulting false", got)
	}
	err = c.ConvertInstance(ctx, created.InstanceID)
	apiErr, ok := httpclient.AsAPIError(err)
	var uncertain *httpclient.UncertainError
	if !ok || apiErr.StatusCode != http.StatusBadRequest || errors.As(err, &uncertain) {
		t.Fatalf("second conversion: err = %T %v, want a 400 APIError", err, err)
	}
	if apiErr.FieldErrors["instance_id"] == nil {
		t.Fatalf("FieldErrors = %v, want instance_id", apiErr.FieldErrors)
	}
}

func TestUnknownInstance(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, _ := newClient(t, ts)
	ctx := context.Background()
	const unknown = "00000000-0000-4000-8000-000000000000"
	_, err := c.GetInstance(ctx, unknown)
	if !httpclient.IsNotFound(err) || httpclient.HasStatus(err, http.StatusNotFound) {
		t.Fatalf("Get unknown: err = %v, want ErrNotFound from the empty array", err)
	}
	err = c.SuspendInstance(ctx, unknown)
	if apiErr, ok := httpclient.AsAPIError(err); !ok || apiErr.StatusCode != http.StatusBadRequest || apiErr.Code != "invalid_instance" {
		t.Fatalf("suspend unknown: err = %v, want 400 invalid_instance", err)
	}
	if err := c.SetInstanceMFA(ctx, ts.Server.Fixtures().CyrismaRootInstanceID, "7"); !httpclient.HasStatus(err, http.StatusBadRequest) {
		t.Fatalf("bad MFA type: err = %v, want 400", err)
	}
}

func TestCreateValidation(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, _ := newClient(t, ts)
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	missing := standardInput(root, "No Short", "")
	consultingOrg := standardInput(root, "Consulting Org", "corg")
	consultingOrg.InstanceType = "organization"
	for _, tt := range []struct {
		name  string
		in    CreateInstanceInput
		field string
	}{{"missing short_name", missing, "short_name"}, {"consulting organization", consultingOrg, "is_consulting"}} {
		_, err := c.CreateInstance(context.Background(), tt.in)
		apiErr, ok := httpclient.AsAPIError(err)
		if !ok || apiErr.StatusCode != http.StatusBadRequest || len(apiErr.FieldErrors[tt.field]) != 1 {
			t.Fatalf("%s: err = %v, want a 400 about %s", tt.name, err, tt.field)
		}
	}
}

func TestCreateNotRepeatedOnServerError(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	// A short look-up wait: each create's look-up finds nothing.
	cfg := configFor(ts)
	cfg.LookupWait = 200 * time.Millisecond
	c := New(cfg, httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2})
	ctx := context.Background()
	before, err := c.ListInstances(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Every create fails with a 503; the look-ups work.
	ts.Server.SetFaults(emulator.Faults{ErrorRate: 1, OnlyMethod: http.MethodPost})
	ts.Server.ResetRequestCounts()
	_, err = c.CreateInstance(ctx, standardInput(ts.Server.Fixtures().CyrismaRootInstanceID, "Faulty", "faulty"))
	var uncertain *httpclient.UncertainError
	if !errors.As(err, &uncertain) || !httpclient.HasStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("err = %T %v, want an UncertainError wrapping a 503", err, err)
	}
	// Never blind: one look-up before the first create, and one after each
	// failed create before the next.
	routes := ts.Server.RequestCounts().Routes
	if creates, lookups := routes[routeCreate], routes[routeListInstances]; creates < 1 || lookups < creates+1 {
		t.Fatalf("%d creates with %d look-ups, want each create preceded by a look-up", creates, lookups)
	}
	ts.Server.SetFaults(emulator.Faults{ErrorRate: 1})
	// Lifecycle toggles are safe to repeat: retried.
	ts.Server.ResetRequestCounts()
	err = c.SuspendInstance(ctx, ts.Server.Fixtures().CyrismaRootInstanceID)
	if errors.As(err, &uncertain) || !httpclient.HasStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("suspend under 503s: err = %T %v, want a plain 503", err, err)
	}
	if got := ts.Server.RequestCounts().Routes["PATCH /app/partner/instances/suspend"]; got != 3 {
		t.Fatalf("%d suspend requests, want 3", got)
	}
	ts.Server.SetFaults(emulator.Faults{})
	time.Sleep(provisioningDelay)
	after, err := c.ListInstances(ctx)
	if err != nil || len(after) != len(before) {
		t.Fatalf("%d instances after the failed create (was %d), %v", len(after), len(before), err)
	}
}
