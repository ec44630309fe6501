package cryptr

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

func TestRedirectURILifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	first, err := c.CreateRedirectURI(ctx, RedirectURIInput{URI: "https://app.example.com/callback", Default: true})
	if err != nil {
		t.Fatalf("CreateRedirectURI: %v", err)
	}
	if first.ID == "" || first.Environment != "sandbox" || !first.Default || first.URI != "https://app.example.com/callback" || first.InsertedAt == "" {
		t.Fatalf("created %+v", first)
	}
	second, err := c.CreateRedirectURI(ctx, RedirectURIInput{URI: "https://app.example.com/other", Default: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := c.GetRedirectURI(ctx, first.ID); got.Default {
		t.Fatal("a new default should clear the previous one")
	}
	updated, err := c.UpdateRedirectURI(ctx, first.ID, RedirectURIInput{URI: "https://app.example.com/cb2"})
	if err != nil || updated.URI != "https://app.example.com/cb2" || updated.Default {
		t.Fatalf("UpdateRedirectURI: %+v, %v", updated, err)
	}
	_, err = c.CreateRedirectURI(ctx, RedirectURIInput{URI: "https://app.example.com/other"})
	if apiErr, ok := httpclient.AsAPIError(err); !ok || fmt.Sprint(apiErr.FieldErrors["uri"]) != "[has already been taken]" {
		t.Fatalf("duplicate: %v", err)
	}

	// Deleting the default while others exist: the client unsets it first.
	if err := c.DeleteRedirectURI(ctx, second.ID); err != nil {
		t.Fatalf("DeleteRedirectURI of the default: %v", err)
	}
	if routeCount(ts, "PUT /api/v2/redirect-uris/{id}") != 2 || routeCount(ts, "DELETE /api/v2/redirect-uris/{id}") != 2 {
		t.Fatalf("routes %v", ts.Server.RequestCounts().Routes)
	}
	if _, err := c.GetRedirectURI(ctx, second.ID); !httpclient.HasStatus(err, http.StatusNotFound) {
		t.Fatalf("get deleted: %v", err)
	}
	if err := c.DeleteRedirectURI(ctx, second.ID); !httpclient.IsNotFound(err) {
		t.Fatalf("delete again: %v", err)
	}
}

func TestRedirectURIListAllPagesOfItsEnvironment(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	cfg := configFor(ts)
	f := ts.Server.Fixtures()
	cfg.ClientID, cfg.ClientSecret = f.CryptrProductionClientID, f.CryptrProductionClientSecret
	prod := New(cfg, httpclient.Config{Timeout: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for i := range 5 {
		if _, err := c.CreateRedirectURI(ctx, RedirectURIInput{URI: fmt.Sprintf("https://s%d.example.com/cb", i)}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := prod.CreateRedirectURI(ctx, RedirectURIInput{URI: "https://prod.example.com/cb"})
	if err != nil || p.Environment != "production" {
		t.Fatalf("production create: %+v, %v", p, err)
	}
	all, err := c.ListRedirectURIs(ctx, 2)
	if err != nil {
		t.Fatalf("ListRedirectURIs: %v", err)
	}
	if len(all) != 5 || all[0].URI != "https://s4.example.com/cb" || routeCount(ts, "GET /api/v2/redirect-uris") != 3 {
		t.Fatalf("listed %d (first %+v) in %d pages", len(all), all[0], routeCount(ts, "GET /api/v2/redirect-uris"))
	}
	if _, err := c.GetRedirectURI(ctx, p.ID); !httpclient.IsNotFound(err) {
		t.Fatalf("the sandbox key read a production URI: %v", err)
	}
}
