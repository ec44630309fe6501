package cryptr

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

const (
	webhookEventTimeLayout = "2006-01-02T15:04:05.000000Z"
	webhookMaxAttempts     = 5
	webhookEventRetention  = 24 * time.Hour
	webhookStateAvail      = "available"
	webhookStateExec       = "executing"
	webhookStateRetry      = "retryable"
	webhookStateDone       = "completed"
	webhookStateCancel     = "cancelled"
	webhookStateDiscard    = "discarded"
	webhookEventType       = "WebhookEvent"
)

// webhookEvent is one delivery job of an Event to one webhook.
type webhookEvent struct {
	id                                                 int64
	env, webhookID, code, state                        string
	args                                               map[string]any
	attempt, maxAttempts                               int
	attemptedAt, cancelledAt, completedAt, discardedAt *time.Time
	insertedAt, scheduledAt                            time.Time
}

// webhookEventJSON is the WebhookEvent wire object.
type webhookEventJSON struct {
	Type        string         `json:"__type__"`
	Args        map[string]any `json:"args"`
	Attempt     int            `json:"attempt"`
	AttemptedAt *string        `json:"attempted_at"`
	CancelledAt *string        `json:"cancelled_at"`
	CompletedAt *string        `json:"completed_at"`
	DiscardedAt *string        `json:"discarded_at"`
	ID          int64          `json:"id"`
	InsertedAt  string         `json:"inserted_at"`
	MaxAttempts int            `json:"max_attempts"`
	ScheduledAt string         `json:"scheduled_at"`
	State       string         `json:"state"`
}

func webhookEventTime(t time.Time) string { return t.UTC().Format(webhookEventTimeLayout) }

func webhookEventTimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := webhookEventTime(*t)
	return &s
}

func (e *webhookEvent) toJSON() webhookEventJSON {
	return webhookEventJSON{
		Type: webhookEventType, Args: e.args, Attempt: e.attempt,
		AttemptedAt: webhookEventTimePtr(e.attemptedAt), CancelledAt: webhookEventTimePtr(e.cancelledAt),
		CompletedAt: webhookEventTimePtr(e.completedAt), DiscardedAt: webhookEventTimePtr(e.discardedAt),
		ID: e.id, InsertedAt: webhookEventTime(e.insertedAt), MaxAttempts: e.maxAttempts,
		ScheduledAt: webhookEventTime(e.scheduledAt), State: e.state,
	}
}

// webhookFinalState reports whether an event is done with (and may be purged).
func webhookFinalState(state string) bool {
	return state == webhookStateDone || state == webhookStateCancel || state == webhookStateDiscard
}

// purgeWebhookEvents drops final events older than the retention. The caller holds s.mu.
func (s *Service) purgeWebhookEvents(now time.Time) {
	s.hooks.events = slices.DeleteFunc(s.hooks.events, func(e *webhookEvent) bool {
		return webhookFinalState(e.state) && !now.Before(e.insertedAt.Add(webhookEventRetention))
	})
}

// handleListWebhookEvents serves GET /api/v2/webhook-events: due deliveries
// run first, then the caller's environment's events are listed, newest
// first, filtered by q[state_in][] and q[event_code_in][].
func (s *Service) handleListWebhookEvents(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	page, perPage := pageParams(p)
	states, byState := p.list("q[state_in]")
	codes, byCode := p.list("q[event_code_in]")
	s.runDueWebhookEvents(r.Context())

	s.mu.Lock()
	s.purgeWebhookEvents(s.now())
	env := apiEnv(r)
	data := []webhookEventJSON{}
	for i := len(s.hooks.events) - 1; i >= 0; i-- {
		e := s.hooks.events[i]
		if e.env != env || (byState && !slices.Contains(states, e.state)) || (byCode && !slices.Contains(codes, e.code)) {
			continue
		}
		data = append(data, e.toJSON())
	}
	s.mu.Unlock()
	writePage(w, page, perPage, data)
}

// webhookEventOf returns the event {id} of the caller's environment, or answers
// 404 and returns nil. The caller holds s.mu.
func (s *Service) webhookEventOf(w http.ResponseWriter, r *http.Request) *webhookEvent {
	s.purgeWebhookEvents(s.now())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		for _, e := range s.hooks.events {
			if e.id == id && e.env == apiEnv(r) {
				return e
			}
		}
	}
	writeNotFound(w, "webhook event")
	return nil
}

// handleRetryWebhookEvent serves POST /api/v2/webhook-events/{id}/retry.
func (s *Service) handleRetryWebhookEvent(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.webhookEventOf(w, r)
	if e == nil {
		return
	}
	e.state, e.scheduledAt = webhookStateAvail, s.now()
	if e.attempt >= e.maxAttempts {
		e.maxAttempts = e.attempt + 1
	}
	httpjson.Write(w, http.StatusOK, e.toJSON())
}

// handleCancelWebhookEvent serves POST /api/v2/webhook-events/{id}/cancel.
func (s *Service) handleCancelWebhookEvent(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.webhookEventOf(w, r)
	if e == nil {
		return
	}
	if e.state != webhookStateCancel || e.cancelledAt == nil {
		now := s.now()
		e.state, e.cancelledAt = webhookStateCancel, &now
	}
	httpjson.Write(w, http.StatusOK, e.toJSON())
}

// handleTriggerTestEvent serves POST /api/v2/webhook-events/trigger-test:
// one event per subscribed webhook of the caller's environment, delivered
// before the answer.
func (s *Service) handleTriggerTestEvent(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	code, _ := p.str("event_code")
	switch {
	case code == "":
		writeValidation(w, map[string][]string{"event_code": {"can't be blank"}})
		return
	case !webhookKnownCode(code):
		writeValidation(w, map[string][]string{"event_code": {strconv.Quote(code) + " is not a known event code"}})
		return
	}
	env := apiEnv(r)
	s.mu.Lock()
	now := s.now()
	triggered, untriggered := []webhookJSON{}, []webhookJSON{}
	var preview map[string]any
	for _, h := range s.envWebhooks(env) {
		if !webhookSubscribes(h.eventCodes, code) {
			untriggered = append(untriggered, h.toJSON())
			continue
		}
		triggered = append(triggered, h.toJSON())
		s.hooks.eventSeq++
		e := &webhookEvent{
			id: s.hooks.eventSeq, env: env, webhookID: h.id, code: code, state: webhookStateAvail,
			args: webhookEventArgs(env, h.id, code, now), maxAttempts: webhookMaxAttempts,
			insertedAt: now, scheduledAt: now,
		}
		s.hooks.events = append(s.hooks.events, e)
		if preview == nil {
			preview = e.args
		}
	}
	s.mu.Unlock()
	s.runDueWebhookEvents(r.Context())
	httpjson.Write(w, http.StatusOK, map[string]any{
		"__type__": "WebhookEventTest", "preview": preview,
		"triggered_webhooks": triggered, "untriggered_webhooks": untriggered,
	})
}
