package cryptr

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"time"
)

// webhookStore holds webhooks and webhook events (the delivery log). Its
// fields are guarded by Service.mu.
//
// Routes:
//
//	GET    /api/v2/webhooks                       list (the key's environment)
//	POST   /api/v2/webhooks                       create
//	GET    /api/v2/webhooks/{id}                  retrieve
//	PUT    /api/v2/webhooks/{id}                  update target_url, event_codes[]
//	DELETE /api/v2/webhooks/{id}                  delete
//	GET    /api/v2/webhook-events                 list events (the key's environment)
//	POST   /api/v2/webhook-events/trigger-test    make one test event per matching webhook
//	POST   /api/v2/webhook-events/{id}/retry      schedule an event again
//	POST   /api/v2/webhook-events/{id}/cancel     cancel an event
//
// Faithful to the reference: webhooks live in the environment of the API key
// that calls (another environment's webhook is 404); Webhook JSON has
// __environment__, __type__ "Webhook", active, event_codes, id
// ("webhook_" + 27 webhookBase62 characters), inserted_at, name, signature_key
// (128 URL-safe base64 characters), updated_at; create answers 201, delete
// {"deleted":true,"resource":...}; a deleted webhook is 404 (as the reference
// says for retrieve); lists use the List envelope, newest first. WebhookEvent
// JSON has __type__, args (the Event envelope: __domain__, __environment__,
// __type__ "Event", code, data, issued_at, webhook_id), attempt,
// attempted_at, cancelled_at, completed_at, discarded_at, id (an integer),
// inserted_at, max_attempts (5), scheduled_at, state.
//
// Design choices where the sources are silent:
//   - Webhook JSON also carries target_url (the type table lists it, the
//     samples leave it out). active is always true: no route changes it.
//   - Validation → 422 details: name blank → "can't be blank"; target_url
//     missing or not an absolute http(s) URL with a host → "is not a valid
//     URL"; event_codes missing or empty → "can't be blank"; an unknown code →
//     "\"<code>\" is not a known event code". Known codes are the documented
//     list, the later-added dir_sync.group.users_added/removed codes, the
//     codes that appear only in the reference samples, and the wildcards all,
//     sso_saml.all, dir_sync.all. event_codes keep their order; duplicates
//     are dropped. A bare event_codes=<code> is read like event_codes[].
//   - PUT changes only target_url and event_codes (as the reference says);
//     a name sent with it is ignored. Only keys present change; updated_at
//     moves on every successful PUT.
//   - Event list filters, in the v2 q[...] style of the organization list:
//     q[state_in][]=<state> and q[event_code_in][]=<code> (repeatable; an
//     event matches when its state, resp. code, is in the set). Newest first
//     (by id). Events in a final state (completed, cancelled, discarded) are
//     purged 24 hours after insertion, as the reference says.
//   - trigger-test: event_code required, and must be a concrete known code
//     (a wildcard → 422 details.event_code). It creates one event per webhook
//     of the key's environment whose event_codes match (wildcards expand) and
//     answers 200 {"__type__":"WebhookEventTest","preview":<the first
//     event's args or null>,"triggered_webhooks":[...],
//     "untriggered_webhooks":[...]}. Event data is made up for the code
//     (DirectorySyncEvent shaped as in the reference; SSO events get an
//     invented SsoEvent shape); __domain__ is the account domain.
//   - Delivery: the emulator really POSTs the Event envelope as JSON to the
//     webhook's target_url, but ONLY to loopback targets (localhost,
//     127.0.0.0/8, ::1), with a 2-second timeout, no redirects, no signature
//     header (its name and algorithm are documented nowhere). Events for other
//     targets are never attempted and stay "available". Due events (state
//     available or retryable, scheduled_at reached) are run synchronously
//     when trigger-test creates them and at the start of every event list;
//     there is no background worker. The answer sets the state as documented:
//     2xx → completed; 410 → cancelled; 503 with Retry-After: N → retryable,
//     scheduled N seconds later (and max_attempts raised when exhausted);
//     anything else, or a transport error → retryable, scheduled +5 min,
//     +10 min, +20 min, +1 h after attempts 1-4, and discarded once attempt
//     reaches max_attempts. An event whose webhook was deleted is discarded
//     when it comes due.
//   - retry: any state → "available", scheduled_at now; max_attempts is
//     raised to attempt+1 when exhausted; other timestamps are kept (as the
//     reference sample shows). The attempt itself happens at the next run.
//   - cancel: any state → "cancelled", cancelled_at set once (the sample
//     cancels a completed event and keeps completed_at). Both answer the
//     event; an unknown id or another environment's event → 404.
type webhookStore struct {
	webhooks map[string]*webhook // live webhooks by id
	seq      int64               // creation order of webhooks
	events   []*webhookEvent     // oldest first
	eventSeq int64               // last event id
}

func newWebhookStore() *webhookStore { return &webhookStore{webhooks: map[string]*webhook{}} }

// webhook is one stored webhook.
type webhook struct {
	seq                      int64
	id, env, name, targetURL string
	signatureKey             string
	eventCodes               []string
	createdAt, updatedAt     time.Time
}

// webhookJSON is the Webhook wire object.
type webhookJSON struct {
	Environment  string   `json:"__environment__"`
	Type         string   `json:"__type__"`
	Active       bool     `json:"active"`
	EventCodes   []string `json:"event_codes"`
	ID           string   `json:"id"`
	InsertedAt   string   `json:"inserted_at"`
	Name         string   `json:"name"`
	SignatureKey string   `json:"signature_key"`
	TargetURL    string   `json:"target_url"`
	UpdatedAt    string   `json:"updated_at"`
}

func (h *webhook) toJSON() webhookJSON {
	return webhookJSON{
		Environment:  h.env,
		Type:         "Webhook",
		Active:       true,
		EventCodes:   append([]string{}, h.eventCodes...),
		ID:           h.id,
		InsertedAt:   h.createdAt.UTC().Format(timeLayout),
		Name:         h.name,
		SignatureKey: h.signatureKey,
		TargetURL:    h.targetURL,
		UpdatedAt:    h.updatedAt.UTC().Format(timeLayout),
	}
}

// registerWebhooks adds the routes of webhooks and webhook events.
func (s *Service) registerWebhooks(mux *http.ServeMux) {
	mux.Handle("GET /api/v2/webhooks", s.authenticated(s.handleListWebhooks))
	mux.Handle("POST /api/v2/webhooks", s.authenticated(s.handleCreateWebhook))
	mux.Handle("GET /api/v2/webhooks/{id}", s.authenticated(s.handleGetWebhook))
	mux.Handle("PUT /api/v2/webhooks/{id}", s.authenticated(s.handleUpdateWebhook))
	mux.Handle("DELETE /api/v2/webhooks/{id}", s.authenticated(s.handleDeleteWebhook))
	mux.Handle("GET /api/v2/webhook-events", s.authenticated(s.handleListWebhookEvents))
	mux.Handle("POST /api/v2/webhook-events/trigger-test", s.authenticated(s.handleTriggerTestEvent))
	mux.Handle("POST /api/v2/webhook-events/{id}/retry", s.authenticated(s.handleRetryWebhookEvent))
	mux.Handle("POST /api/v2/webhook-events/{id}/cancel", s.authenticated(s.handleCancelWebhookEvent))
}

const webhookBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// webhookRandomBase62 returns n random webhookBase62 characters.
func webhookRandomBase62(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("cryptr: crypto/rand: " + err.Error())
	}
	for i := range b {
		b[i] = webhookBase62[int(b[i])%len(webhookBase62)]
	}
	return string(b)
}

// webhookSignatureKey returns 128 URL-safe base64 characters (96 random bytes).
func webhookSignatureKey() string {
	b := make([]byte, 96)
	if _, err := rand.Read(b); err != nil {
		panic("cryptr: crypto/rand: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
