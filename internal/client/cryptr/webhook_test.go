package cryptr

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// webhookProductionClient returns a client of ts's production key.
func webhookProductionClient(t *testing.T, ts *emulator.TestServer) *Client {
	t.Helper()
	cfg := configFor(ts)
	fx := ts.Server.Fixtures()
	cfg.ClientID, cfg.ClientSecret = fx.CryptrProductionClientID, fx.CryptrProductionClientSecret
	return New(cfg, httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2, UserAgent: "cryptr-client-test"})
}

// webhookCtx is a context bounded for one test.
func webhookCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestWebhookLifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c, ctx := newClient(t, ts), webhookCtx(t)

	created, err := c.CreateWebhook(ctx, WebhookInput{Name: "Audit", TargetURL: "https://hooks.example.com/a", EventCodes: []string{"dir_sync.all", "sso_saml.tokens_generated"}})
	if err != nil {
		t.Fatalf("CreateWebhook: %v", err)
	}
	if !strings.HasPrefix(created.ID, "webhook_") || created.Environment != "sandbox" || created.Name != "Audit" || !created.Active ||
		created.TargetURL != "https://hooks.example.com/a" || len(created.SignatureKey) != 128 || created.InsertedAt == "" ||
		!slices.Equal(created.EventCodes, []string{"dir_sync.all", "sso_saml.tokens_generated"}) {
		t.Fatalf("created %+v", created)
	}
	got, err := c.GetWebhook(ctx, created.ID)
	if err != nil || got.SignatureKey != created.SignatureKey || got.TargetURL != created.TargetURL {
		t.Fatalf("GetWebhook = %+v, %v", got, err)
	}
	updated, err := c.UpdateWebhook(ctx, created.ID, "https://hooks.example.com/b", []string{"all"})
	if err != nil || updated.TargetURL != "https://hooks.example.com/b" || !slices.Equal(updated.EventCodes, []string{"all"}) || updated.Name != "Audit" {
		t.Fatalf("UpdateWebhook = %+v, %v", updated, err)
	}
	if err := c.DeleteWebhook(ctx, created.ID); err != nil {
		t.Fatalf("DeleteWebhook: %v", err)
	}
	if _, err := c.GetWebhook(ctx, created.ID); !httpclient.IsNotFound(err) {
		t.Fatalf("GetWebhook after delete: %v", err)
	}
	if err := c.DeleteWebhook(ctx, created.ID); !httpclient.IsNotFound(err) {
		t.Fatalf("DeleteWebhook again: %v", err)
	}
}

func TestWebhookValidationErrorsNameFields(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c, ctx := newClient(t, ts), webhookCtx(t)
	_, err := c.CreateWebhook(ctx, WebhookInput{Name: "x", TargetURL: "not a url", EventCodes: []string{"user.created"}})
	apiErr, ok := httpclient.AsAPIError(err)
	if !ok || apiErr.StatusCode != http.StatusUnprocessableEntity || !slices.Equal(apiErr.Fields(), []string{"event_codes", "target_url"}) {
		t.Fatalf("err = %v", err)
	}
	// An empty list is sent as event_codes[]= and refused, not ignored.
	created, err := c.CreateWebhook(ctx, WebhookInput{Name: "x", TargetURL: "https://x.example", EventCodes: []string{"all"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateWebhook(ctx, created.ID, "https://x.example", nil); !httpclient.HasStatus(err, http.StatusUnprocessableEntity) {
		t.Fatalf("update with no codes: %v", err)
	}
}

func TestWebhooksEnvironmentAndPaging(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	sandbox, production, ctx := newClient(t, ts), webhookProductionClient(t, ts), webhookCtx(t)
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		if _, err := sandbox.CreateWebhook(ctx, WebhookInput{Name: name, TargetURL: "https://x.example", EventCodes: []string{"all"}}); err != nil {
			t.Fatal(err)
		}
	}
	prod, err := production.CreateWebhook(ctx, WebhookInput{Name: "p", TargetURL: "https://x.example", EventCodes: []string{"all"}})
	if err != nil || prod.Environment != "production" {
		t.Fatalf("production webhook %+v, %v", prod, err)
	}
	before := routeCount(ts, "GET /api/v2/webhooks")
	all, err := sandbox.ListWebhooks(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, w := range all {
		names = append(names, w.Name)
	}
	if !slices.Equal(names, []string{"e", "d", "c", "b", "a"}) || routeCount(ts, "GET /api/v2/webhooks")-before != 3 {
		t.Fatalf("ListWebhooks = %v after %d requests", names, routeCount(ts, "GET /api/v2/webhooks")-before)
	}
	if _, err := sandbox.GetWebhook(ctx, prod.ID); !httpclient.IsNotFound(err) {
		t.Fatalf("the sandbox key reads a production webhook: %v", err)
	}
}

// TestWebhookSignatureKeyIsNotLogged: the HTTP layer masks signature_key in
// the logged answers of create, get and list.
func TestWebhookSignatureKeyIsNotLogged(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(webhookCtx(t), &buf)
	created, err := c.CreateWebhook(ctx, WebhookInput{Name: "x", TargetURL: "https://x.example", EventCodes: []string{"all"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetWebhook(ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListWebhooks(ctx, 0); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, created.ID) || !strings.Contains(out, `signature_key`) {
		t.Fatalf("the responses were not logged:\n%s", out)
	}
	if strings.Contains(out, created.SignatureKey) {
		t.Fatalf("the log contains the signature key:\n%s", out)
	}
}

func TestWebhookEvents(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c, ctx := newClient(t, ts), webhookCtx(t)
	okSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	defer okSrv.Close()
	goneSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusGone) }))
	defer goneSrv.Close()
	ok, err := c.CreateWebhook(ctx, WebhookInput{Name: "ok", TargetURL: okSrv.URL, EventCodes: []string{"dir_sync.all"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateWebhook(ctx, WebhookInput{Name: "gone", TargetURL: goneSrv.URL, EventCodes: []string{"all"}}); err != nil {
		t.Fatal(err)
	}

	test, err := c.TriggerTestWebhookEvent(ctx, "dir_sync.user.update.success")
	if err != nil || test.Preview == nil || test.Preview.Code != "dir_sync.user.update.success" || len(test.TriggeredWebhooks) != 2 || len(test.Preview.Data) == 0 {
		t.Fatalf("TriggerTestWebhookEvent = %+v, %v", test, err)
	}
	if _, err := c.TriggerTestWebhookEvent(ctx, "sso_saml.tokens_generated"); err != nil {
		t.Fatal(err)
	}
	all, err := c.ListWebhookEvents(ctx, ListWebhookEventsOptions{PerPage: 1})
	if err != nil || len(all) != 3 || all[0].ID <= all[2].ID || all[0].Args.Code != "sso_saml.tokens_generated" {
		t.Fatalf("ListWebhookEvents = %+v, %v", all, err)
	}
	completed, err := c.ListWebhookEvents(ctx, ListWebhookEventsOptions{States: []string{"completed"}})
	if err != nil || len(completed) != 1 || completed[0].Args.WebhookID != ok.ID || completed[0].CompletedAt == nil || completed[0].Attempt != 1 {
		t.Fatalf("completed events = %+v, %v", completed, err)
	}
	cancelled, err := c.ListWebhookEvents(ctx, ListWebhookEventsOptions{States: []string{"cancelled"}, EventCodes: []string{"dir_sync.user.update.success"}})
	if err != nil || len(cancelled) != 1 {
		t.Fatalf("cancelled update events = %+v, %v", cancelled, err)
	}

	retried, err := c.RetryWebhookEvent(ctx, cancelled[0].ID)
	if err != nil || retried.State != "available" {
		t.Fatalf("RetryWebhookEvent = %+v, %v", retried, err)
	}
	stopped, err := c.CancelWebhookEvent(ctx, completed[0].ID)
	if err != nil || stopped.State != "cancelled" || stopped.CancelledAt == nil {
		t.Fatalf("CancelWebhookEvent = %+v, %v", stopped, err)
	}
	if _, err := c.RetryWebhookEvent(ctx, 424242); !httpclient.IsNotFound(err) {
		t.Fatalf("retry of an unknown event: %v", err)
	}
	if _, err := c.TriggerTestWebhookEvent(ctx, "all"); !httpclient.HasStatus(err, http.StatusUnprocessableEntity) {
		t.Fatalf("trigger with a wildcard: %v", err)
	}
}
