package cryptr

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/seedjson"
)

// webhookEventStates are the states a seeded webhook event may have.
var webhookEventStates = []string{webhookStateAvail, webhookStateExec, webhookStateRetry,
	webhookStateDone, webhookStateCancel, webhookStateDiscard}

// webhook checks and builds one webhook. Required: name, target_url,
// event_codes. Defaults: environment sandbox, a new id and signing key,
// times now.
func (sd *seeding) webhook(in WebhookState, n seedjson.Node) {
	n = n.Labeled(in.Name)
	h := &webhook{
		id: cmp.Or(in.ID, "webhook_"+webhookRandomBase62(27)), env: sd.env(n, in.Environment),
		name: in.Name, targetURL: in.TargetURL, signatureKey: cmp.Or(in.SignatureKey, webhookSignatureKey()),
	}
	if sd.claim(sd.webhookIDs, h.id, n, "id", h.id) {
		sd.webhookEnvs[h.id] = h.env
	}
	switch {
	case in.Name == "":
		sd.fail(n, "name", "required")
	case in.TargetURL == "":
		sd.fail(n, "target_url", "required")
	case !webhookValidURL(in.TargetURL):
		sd.fail(n, "target_url", "is not a valid URL")
	case len(in.EventCodes) == 0:
		sd.fail(n, "event_codes", "required")
	}
	for i, c := range in.EventCodes {
		field := fmt.Sprintf("event_codes[%d]", i)
		switch {
		case !webhookKnownCode(c) && !slices.Contains(webhookWildcards, c):
			sd.fail(n, field, "%q is not a known event code", c)
		case slices.Contains(h.eventCodes, c):
			sd.fail(n, field, "%q is listed twice", c)
		}
		h.eventCodes = append(h.eventCodes, c)
	}
	h.createdAt = sd.time(n, "inserted_at", in.InsertedAt, sd.now)
	h.updatedAt = sd.time(n, "updated_at", in.UpdatedAt, h.createdAt)
	sd.webhooks = append(sd.webhooks, h)
}

// webhookEvent checks and builds one event of the delivery log. Required:
// webhook_id (of the same environment when the webhook exists; events of a
// deleted webhook are kept, as the API keeps them) and event_code.
// Defaults: the next id, environment sandbox, state "available", attempt
// 0, max_attempts 5, inserted_at now, scheduled_at inserted_at. attempt is
// at most max_attempts, and below it for an event still to deliver
// (available or retryable), as delivery and retry keep them. The delivery
// payload is rebuilt; attempted/completed/cancelled/discarded times,
// which the dump does not hold, are taken as scheduled_at.
//
// An event is "executing" only while an attempt is under way, so only in
// a dump taken mid-delivery; that attempt will never end here, so it is
// taken as failed, as a transport error would leave it: the event is
// loaded "retryable", due at its scheduled_at (so at once), or
// "discarded" if it was its last attempt.
func (sd *seeding) webhookEvent(in WebhookEventState, n seedjson.Node) {
	e := &webhookEvent{
		id: in.ID, env: sd.env(n, in.Environment), webhookID: in.WebhookID, code: in.EventCode,
		state: cmp.Or(in.State, webhookStateAvail), attempt: in.Attempt,
		maxAttempts: seedjson.Or(n, "max_attempts", in.MaxAttempts, webhookMaxAttempts),
	}
	if n.Has("id") {
		if e.id < 1 {
			sd.fail(n, "id", "must be at least 1")
		}
		sd.claim(sd.eventIDs, eventKey(e.id), n, "id", eventKey(e.id))
	}
	if env, known := sd.webhookEnvs[in.WebhookID]; known && env != e.env {
		sd.fail(n, "environment", "must be %s, the environment of webhook %s", env, in.WebhookID)
	}
	switch {
	case in.WebhookID == "":
		sd.fail(n, "webhook_id", "required")
	case in.EventCode == "":
		sd.fail(n, "event_code", "required")
	case !webhookKnownCode(in.EventCode):
		sd.fail(n, "event_code", "%q is not a known event code", in.EventCode)
	}
	if !slices.Contains(webhookEventStates, e.state) {
		sd.fail(n, "state", "must be one of %v", webhookEventStates)
	}
	switch pending := e.state == webhookStateAvail || e.state == webhookStateRetry; {
	case e.attempt < 0 || e.maxAttempts < 1:
		sd.fail(n, "attempt", "must be at least 0, and max_attempts at least 1")
	case e.attempt > e.maxAttempts:
		sd.fail(n, "attempt", "must be at most max_attempts (%d)", e.maxAttempts)
	case pending && e.attempt == e.maxAttempts:
		sd.fail(n, "attempt", "must be below max_attempts (%d) in state %s: no attempt would be left (a retry raises max_attempts)",
			e.maxAttempts, e.state)
	}
	if e.state == webhookStateExec {
		e.state = webhookStateRetry
		if e.attempt >= e.maxAttempts {
			e.state = webhookStateDiscard
		}
	}
	e.insertedAt = sd.time(n, "inserted_at", in.InsertedAt, sd.now)
	e.scheduledAt = sd.time(n, "scheduled_at", in.ScheduledAt, e.insertedAt)
	e.args = webhookEventArgs(e.env, e.webhookID, e.code, e.insertedAt)
	at := e.scheduledAt
	if e.attempt > 0 {
		e.attemptedAt = &at
	}
	switch e.state {
	case webhookStateDone:
		e.completedAt = &at
	case webhookStateCancel:
		e.cancelledAt = &at
	case webhookStateDiscard:
		e.discardedAt = &at
	}
	sd.events = append(sd.events, e)
}

// numberEvents gives the events seeded without an id the next free ids,
// in order.
func (sd *seeding) numberEvents() {
	next := sd.s.hooks.eventSeq
	for _, e := range sd.events {
		next = max(next, e.id)
	}
	for _, e := range sd.events {
		if e.id == 0 {
			next++
			e.id = next
		}
	}
}

// eventKey is the key of an event id in seeding.eventIDs.
func eventKey(id int64) string { return strconv.FormatInt(id, 10) }

// redirectURI checks and builds one redirect URI. Required: uri (unique in
// its environment). Defaults: environment sandbox, a new id, default
// false, times now. One default per environment: a seeded default takes
// the place of the emulator's current one.
func (sd *seeding) redirectURI(in RedirectURIState, n seedjson.Node) {
	n = n.Labeled(in.URI)
	u := &redirectURI{id: cmp.Or(in.ID, emuid.UUID()), env: sd.env(n, in.Environment), uri: in.URI, isDefault: in.Default}
	switch {
	case in.URI == "":
		sd.fail(n, "uri", "required")
	case !ssoValidRedirectURI(in.URI):
		sd.fail(n, "uri", "is not a valid absolute URI")
	default:
		sd.claim(sd.redirectURIs, u.env+" "+u.uri, n, "uri", u.uri)
	}
	if _, taken := sd.s.sso.redirects[u.id]; taken || slices.ContainsFunc(sd.redirects, func(o *redirectURI) bool { return o.id == u.id }) {
		sd.fail(n, "id", "%q is already used by another redirect URI", u.id)
	}
	if holder, taken := sd.defaultRedirects[u.env]; u.isDefault && taken {
		sd.fail(n, "default", "%s already has a default redirect URI, %s", u.env, holder)
	} else if u.isDefault {
		sd.defaultRedirects[u.env] = n.Path()
	}
	u.createdAt = sd.time(n, "inserted_at", in.InsertedAt, sd.now)
	u.updatedAt = sd.time(n, "updated_at", in.UpdatedAt, u.createdAt)
	sd.redirects = append(sd.redirects, u)
}
