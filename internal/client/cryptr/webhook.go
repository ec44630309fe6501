package cryptr

import (
	"context"
	"net/http"
	"net/url"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// Webhook is a Cryptr webhook. It lives in the environment of the API key
// that created it.
type Webhook struct {
	ID          string   `json:"id"`
	Environment string   `json:"__environment__"`
	Name        string   `json:"name"`
	TargetURL   string   `json:"target_url"`
	EventCodes  []string `json:"event_codes"`
	Active      bool     `json:"active"`
	// SignatureKey authenticates the deliveries; it is a secret.
	SignatureKey string `json:"signature_key"`
	InsertedAt   string `json:"inserted_at"`
	UpdatedAt    string `json:"updated_at"`
	// Deleted is true in an answer about a deleted webhook.
	Deleted bool `json:"deleted"`
}

// WebhookInput holds the fields of a new webhook. Only TargetURL and
// EventCodes can change later.
type WebhookInput struct {
	Name       string
	TargetURL  string
	EventCodes []string
}

func webhookPath(id string) string { return "/api/v2/webhooks/" + url.PathEscape(id) }

// CreateWebhook creates a webhook in the API key's environment. The request
// is never repeated blindly: when its outcome is unknown, the webhook is
// looked up by name and target URL before it is sent again.
func (c *Client) CreateWebhook(ctx context.Context, in WebhookInput) (*Webhook, error) {
	form := url.Values{"name": {in.Name}, "target_url": {in.TargetURL}}
	setList(form, "event_codes", in.EventCodes)
	// The API would make a second webhook with the same name and target:
	// look first, so that a killed run is never followed by a duplicate.
	return createNew(ctx, c, "webhook", keyOf("name", in.Name)+" and "+keyOf("target_url", in.TargetURL), true, func(ctx context.Context) (*Webhook, error) {
		var out Webhook
		_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: "/api/v2/webhooks", Form: form, Result: &out})
		return &out, err
	}, func(ctx context.Context) (*Webhook, bool, error) {
		list, err := c.ListWebhooks(ctx, 0)
		return findIn(list, err, func(w *Webhook) bool { return w.Name == in.Name && w.TargetURL == in.TargetURL })
	})
}

// GetWebhook reads a webhook by id; a missing or deleted one (or one of the
// other environment) yields an error for which httpclient.IsNotFound is true.
func (c *Client) GetWebhook(ctx context.Context, id string) (*Webhook, error) {
	return getLive[Webhook](ctx, c, webhookPath(id), "webhook "+id)
}

// UpdateWebhook changes a webhook's target URL and event codes (the only
// fields the API lets change).
func (c *Client) UpdateWebhook(ctx context.Context, id, targetURL string, eventCodes []string) (*Webhook, error) {
	form := url.Values{"target_url": {targetURL}}
	setList(form, "event_codes", eventCodes)
	var out Webhook
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: webhookPath(id), Form: form, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteWebhook deletes a webhook.
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: webhookPath(id)})
	return err
}

// ListWebhooks returns every webhook of the API key's environment,
// following every page. perPage zero means 50.
func (c *Client) ListWebhooks(ctx context.Context, perPage int) ([]Webhook, error) {
	return listAll(ctx, c.api, "/api/v2/webhooks", nil, perPage, func(w Webhook) string { return w.ID })
}
