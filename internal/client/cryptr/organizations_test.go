package cryptr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

func TestOrganizationLifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	created, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Acme Corp!", AllowedEmailDomains: []string{"acme.com", "acme.io"}})
	if err != nil {
		t.Fatalf("CreateOrganization: %v", err)
	}
	if created.Domain != "acme-corp" || created.Name != "Acme Corp!" || !slices.Equal(created.AllowedEmailDomains, []string{"acme.com", "acme.io"}) {
		t.Fatalf("created %+v", created)
	}
	if created.Provisioned() || len(created.Environments) != 2 || created.Status.State != "pending" {
		t.Fatalf("a new organization should still be provisioning: %+v", created)
	}

	org, err := c.WaitOrganizationProvisioned(ctx, created.Domain, pollInterval)
	if err != nil {
		t.Fatalf("WaitOrganizationProvisioned: %v", err)
	}
	if !org.Provisioned() || org.Status.State != "terminated" || org.Status.ProgressInPercentage == nil || *org.Status.ProgressInPercentage != 100 {
		t.Fatalf("provisioned organization %+v", org)
	}

	got, err := c.GetOrganization(ctx, "acme-corp")
	if err != nil {
		t.Fatalf("GetOrganization: %v", err)
	}
	if got.Domain != "acme-corp" || !got.Provisioned() || got.Deleted || got.Locale == "" || got.InsertedAt == "" {
		t.Fatalf("GetOrganization = %+v", got)
	}

	updated, err := c.UpdateOrganization(ctx, "acme-corp", OrganizationInput{Name: "Acme Corporation", AllowedEmailDomains: []string{"acme.org"}})
	if err != nil {
		t.Fatalf("UpdateOrganization: %v", err)
	}
	if updated.Name != "Acme Corporation" || updated.Domain != "acme-corp" || !slices.Equal(updated.AllowedEmailDomains, []string{"acme.org"}) {
		t.Fatalf("updated %+v", updated)
	}

	cleared, err := c.UpdateOrganization(ctx, "acme-corp", OrganizationInput{Name: "Acme Corporation"})
	if err != nil {
		t.Fatalf("UpdateOrganization clearing the domains: %v", err)
	}
	if cleared.AllowedEmailDomains == nil || len(cleared.AllowedEmailDomains) != 0 {
		t.Fatalf("allowed_email_domains after clearing = %#v, want []", cleared.AllowedEmailDomains)
	}
	if got, _ := c.GetOrganization(ctx, "acme-corp"); len(got.AllowedEmailDomains) != 0 || got.Name != "Acme Corporation" {
		t.Fatalf("read after clearing: %+v", got)
	}

	if err := c.DeleteOrganization(ctx, "acme-corp"); err != nil {
		t.Fatalf("DeleteOrganization: %v", err)
	}
	// The API answers 200 {"deleted":true}: the client turns it into not found.
	getsBefore := routeCount(ts, routeGet)
	_, err = c.GetOrganization(ctx, "acme-corp")
	if !httpclient.IsNotFound(err) || !errors.Is(err, httpclient.ErrNotFound) || httpclient.HasStatus(err, http.StatusNotFound) {
		t.Fatalf("Get after delete: err = %v, want ErrNotFound from the deleted:true answer", err)
	}
	if routeCount(ts, routeGet) != getsBefore+1 {
		t.Fatal("the deleted read was retried")
	}
	if err := c.DeleteOrganization(ctx, "acme-corp"); !httpclient.IsNotFound(err) || !httpclient.HasStatus(err, http.StatusNotFound) {
		t.Fatalf("second delete: err = %v, want a 404", err)
	}
	if _, err := c.UpdateOrganization(ctx, "acme-corp", OrganizationInput{Name: "x"}); !httpclient.IsNotFound(err) {
		t.Fatalf("update after delete: err = %v, want not found", err)
	}
	if _, err := c.GetOrganization(ctx, "never-existed"); !httpclient.HasStatus(err, http.StatusNotFound) {
		t.Fatalf("unknown organization: err = %v, want a 404", err)
	}

	// The domain is free again.
	again, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Acme Corp"})
	if err != nil || again.Domain != "acme-corp" {
		t.Fatalf("re-create after delete: %+v, %v", again, err)
	}
}

func TestOrganizationFormEncoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   OrganizationInput
		want url.Values
	}{
		{OrganizationInput{Name: "A", AllowedEmailDomains: []string{"a.com", "b.com"}}, url.Values{"name": {"A"}, "allowed_email_domains[]": {"a.com", "b.com"}}},
		{OrganizationInput{Name: "A"}, url.Values{"name": {"A"}, "allowed_email_domains[]": {""}}},
		{OrganizationInput{Name: "A", AllowedEmailDomains: []string{}}, url.Values{"name": {"A"}, "allowed_email_domains[]": {""}}},
	}
	for _, tt := range tests {
		if got := tt.in.form(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("form(%+v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := organizationPath("a b/c"); got != "/api/v2/organizations/a%20b%2Fc" {
		t.Errorf("organizationPath = %q", got)
	}
}

func TestValidationErrors(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx := context.Background()
	if _, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Taken"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		in    OrganizationInput
		field string
		want  string
	}{
		{"blank name", OrganizationInput{Name: "  "}, "name", "can't be blank"},
		{"taken", OrganizationInput{Name: "taken"}, "name", "has already been taken"},
		{"bad domain", OrganizationInput{Name: "Other", AllowedEmailDomains: []string{"not a domain"}}, "allowed_email_domains", "not a valid domain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := routeCount(ts, routeCreate)
			_, err := c.CreateOrganization(ctx, tt.in)
			apiErr, ok := httpclient.AsAPIError(err)
			if !ok || apiErr.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("err = %v, want a 422 APIError", err)
			}
			var uncertain *httpclient.UncertainError
			if errors.As(err, &uncertain) {
				t.Fatal("a 422 is a certain failure")
			}
			msgs := apiErr.FieldErrors[tt.field]
			if len(msgs) == 0 || !containsSubstring(msgs, tt.want) {
				t.Fatalf("FieldErrors = %v, want %s: %q", apiErr.FieldErrors, tt.field, tt.want)
			}
			if routeCount(ts, routeCreate) != before+1 {
				t.Fatal("a 422 was retried")
			}
		})
	}
}

func containsSubstring(list []string, sub string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return strings.Contains(s, sub) })
}

func domains(orgs []Organization) []string {
	out := make([]string, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, o.Domain)
	}
	sort.Strings(out)
	return out
}

func TestListOrganizationsFollowsPagesAndFilters(t *testing.T) {
	t.Parallel()
	// The "down" organizations must still be provisioning when they are
	// listed, however loaded the machine: a delay far longer than the listing.
	ts := startEmulatorWithDelay(t, 5*time.Second)
	c := newClient(t, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	seed, err := c.ListOrganizations(ctx, ListOrganizationsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var up, down []string
	for i := range 4 {
		org, err := c.CreateOrganization(ctx, OrganizationInput{Name: fmt.Sprintf("Up Org %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		up = append(up, org.Domain)
	}
	if _, err := c.WaitOrganizationProvisioned(ctx, up[len(up)-1], pollInterval); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		org, err := c.CreateOrganization(ctx, OrganizationInput{Name: fmt.Sprintf("Down Org %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		down = append(down, org.Domain)
	}
	want := append(append(domains(seed), up...), down...)
	sort.Strings(want)

	listsBefore := routeCount(ts, routeList)
	all, err := c.ListOrganizations(ctx, ListOrganizationsOptions{PerPage: 2})
	if err != nil {
		t.Fatalf("ListOrganizations: %v", err)
	}
	if got := domains(all); !slices.Equal(got, want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
	if pages, wantPages := routeCount(ts, routeList)-listsBefore, (len(want)+1)/2; pages != wantPages {
		t.Fatalf("fetched %d pages of 2 for %d organizations, want %d", pages, len(want), wantPages)
	}

	gotDown, err := c.ListOrganizations(ctx, ListOrganizationsOptions{EnvironmentStatuses: []string{"down"}, PerPage: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := domains(gotDown); !slices.Equal(got, sorted(down)) {
		t.Fatalf("down organizations %v, want %v", got, sorted(down))
	}
	gotUp, err := c.ListOrganizations(ctx, ListOrganizationsOptions{EnvironmentStatuses: []string{"up"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := domains(gotUp); !slices.Equal(got, sorted(append(domains(seed), up...))) {
		t.Fatalf("up organizations %v, want %v", got, sorted(up))
	}
	both, err := c.ListOrganizations(ctx, ListOrganizationsOptions{EnvironmentStatuses: []string{"up", "down"}, PerPage: 100})
	if err != nil || len(both) != len(want) {
		t.Fatalf("up or down: %d organizations, %v; want %d", len(both), err, len(want))
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

func TestServerErrorsAreRetriedThenReported(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts) // MaxRetries 2
	ctx := context.Background()
	created, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Before Faults"})
	if err != nil {
		t.Fatal(err)
	}

	ts.Server.SetFaults(emulator.Faults{ErrorRate: 1})
	ts.Server.ResetRequestCounts()
	_, err = c.GetOrganization(ctx, created.Domain)
	apiErr, ok := httpclient.AsAPIError(err)
	if !ok || apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.Code != "service_unavailable" || apiErr.Message != "injected fault" {
		t.Fatalf("err = %v, want a 503 APIError", err)
	}
	var uncertain *httpclient.UncertainError
	if errors.As(err, &uncertain) {
		t.Fatal("a GET is never uncertain")
	}
	if got := routeCount(ts, routeGet); got != 3 {
		t.Fatalf("%d GET requests, want 1 + MaxRetries = 3", got)
	}

	_, err = c.CreateOrganization(ctx, OrganizationInput{Name: "During Faults"})
	if !errors.As(err, &uncertain) || !httpclient.HasStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("create under 503s: err = %T %v, want an UncertainError wrapping the 503", err, err)
	}
	if got := routeCount(ts, routeCreate); got != 1 {
		t.Fatalf("%d create requests, want exactly 1 (never repeated)", got)
	}

	ts.Server.SetFaults(emulator.Faults{})
	all, err := c.ListOrganizations(ctx, ListOrganizationsOptions{PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, org := range all {
		if org.Name == "During Faults" {
			t.Fatal("the failed create made an organization")
		}
	}
}

func TestCreateNotRepeatedOnDroppedConnection(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx := context.Background()
	if _, err := c.ListOrganizations(ctx, ListOrganizationsOptions{}); err != nil { // log in first
		t.Fatal(err)
	}
	ts.Server.SetFaults(emulator.Faults{DropRate: 1})
	_, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Dropped"})
	var uncertain *httpclient.UncertainError
	if !errors.As(err, &uncertain) {
		t.Fatalf("err = %T %v, want an UncertainError", err, err)
	}
	if got := routeCount(ts, routeCreate); got != 1 {
		t.Fatalf("%d create requests, want 1", got)
	}
}

func TestWaitOrganizationProvisionedTimeout(t *testing.T) {
	t.Parallel()
	ts := emulator.StartTestServer(emulator.Options{CryptrProvisioningDelay: time.Hour})
	t.Cleanup(ts.Close)
	c := newClient(t, ts)
	org, err := c.CreateOrganization(context.Background(), OrganizationInput{Name: "Slow"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := c.WaitOrganizationProvisioned(ctx, org.Domain, pollInterval); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if _, err := c.WaitOrganizationProvisioned(context.Background(), "missing", pollInterval); !httpclient.IsNotFound(err) {
		t.Fatalf("waiting for an unknown organization: err = %v, want not found", err)
	}
}

func TestRateLimitedCreateIsRetriedOnce(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx := context.Background()
	if _, err := c.ListOrganizations(ctx, ListOrganizationsOptions{}); err != nil { // log in first
		t.Fatal(err)
	}
	ts.Server.SetFaults(emulator.Faults{RateLimitPerSecond: 1})
	ts.Server.ResetRequestCounts()
	if _, err := c.ListOrganizations(ctx, ListOrganizationsOptions{}); err != nil { // uses up this second
		t.Fatal(err)
	}
	started := time.Now()
	org, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Rate Limited"})
	if err != nil {
		t.Fatalf("a rate-limited create should be retried after Retry-After: %v", err)
	}
	if elapsed := time.Since(started); elapsed < time.Second {
		t.Fatalf("the create was retried after %v, before the 1 s Retry-After", elapsed)
	}
	if got := routeCount(ts, routeCreate); got != 2 {
		t.Fatalf("%d create requests, want 2 (429 then success)", got)
	}
	ts.Server.SetFaults(emulator.Faults{})
	all, err := c.ListOrganizations(ctx, ListOrganizationsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, o := range all {
		if o.Domain == org.Domain {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d organizations %q, want exactly 1", n, org.Domain)
	}
}
