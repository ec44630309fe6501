package cryptr

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// WebhookEvent is one delivery of an Event to one webhook (a job of the
// delivery log). Timestamps are null until the step happened.
type WebhookEvent struct {
	ID          int64   `json:"id"`
	State       string  `json:"state"`
	Attempt     int64   `json:"attempt"`
	MaxAttempts int64   `json:"max_attempts"`
	AttemptedAt *string `json:"attempted_at"`
	CancelledAt *string `json:"cancelled_at"`
	CompletedAt *string `json:"completed_at"`
	DiscardedAt *string `json:"discarded_at"`
	InsertedAt  string  `json:"inserted_at"`
	ScheduledAt string  `json:"scheduled_at"`
	// Args is the Event that is delivered.
	Args Event `json:"args"`
}

// Event is the envelope Cryptr POSTs to a webhook's target URL.
type Event struct {
	Domain      string `json:"__domain__"`
	Environment string `json:"__environment__"`
	Code        string `json:"code"`
	IssuedAt    string `json:"issued_at"`
	WebhookID   string `json:"webhook_id"`
	// Data is the event's payload, which depends on the code.
	Data json.RawMessage `json:"data"`
}

// ListWebhookEventsOptions filters ListWebhookEvents; empty lists keep all.
type ListWebhookEventsOptions struct {
	// States keeps events in one of these states (available, scheduled,
	// executing, retryable, completed, discarded, cancelled).
	States []string
	// EventCodes keeps events of one of these codes.
	EventCodes []string
	// PerPage is the page size; zero means 50.
	PerPage int
}

// ListWebhookEvents returns the webhook events of the API key's environment,
// newest first, following every page. Filters are sent as
// q[state_in][] and q[event_code_in][].
func (c *Client) ListWebhookEvents(ctx context.Context, opts ListWebhookEventsOptions) ([]WebhookEvent, error) {
	query := url.Values{}
	for _, s := range opts.States {
		query.Add("q[state_in][]", s)
	}
	for _, code := range opts.EventCodes {
		query.Add("q[event_code_in][]", code)
	}
	return listAll(ctx, c.api, "/api/v2/webhook-events", query, opts.PerPage, func(e WebhookEvent) string { return strconv.FormatInt(e.ID, 10) })
}

// WebhookEventTest is the answer of TriggerTestWebhookEvent.
type WebhookEventTest struct {
	// Preview is the event the first triggered webhook receives; nil when no
	// webhook subscribes to the code.
	Preview             *Event    `json:"preview"`
	TriggeredWebhooks   []Webhook `json:"triggered_webhooks"`
	UntriggeredWebhooks []Webhook `json:"untriggered_webhooks"`
}

// TriggerTestWebhookEvent sends a test event of code to every webhook of
// the API key's environment that subscribes to it. It is not repeated
// blindly, since each call makes new events.
func (c *Client) TriggerTestWebhookEvent(ctx context.Context, code string) (*WebhookEventTest, error) {
	var out WebhookEventTest
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: "/api/v2/webhook-events/trigger-test", Form: url.Values{"event_code": {code}}, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// RetryWebhookEvent schedules an event for delivery again.
func (c *Client) RetryWebhookEvent(ctx context.Context, id int64) (*WebhookEvent, error) {
	return c.webhookEventAction(ctx, id, "retry")
}

// CancelWebhookEvent cancels an event's delivery.
func (c *Client) CancelWebhookEvent(ctx context.Context, id int64) (*WebhookEvent, error) {
	return c.webhookEventAction(ctx, id, "cancel")
}

func (c *Client) webhookEventAction(ctx context.Context, id int64, action string) (*WebhookEvent, error) {
	var out WebhookEvent
	path := "/api/v2/webhook-events/" + strconv.FormatInt(id, 10) + "/" + action
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: path, SafeToRetry: true, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}
