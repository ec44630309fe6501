package cryptr

import (
	"net/http"
	"slices"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// webhookInput is the validated create/update input; nil fields were absent.
type webhookInput struct {
	name, targetURL *string
	eventCodes      []string // nil when absent
}

// readWebhookInput parses name (create only), target_url and event_codes.
func readWebhookInput(p params, create bool) (webhookInput, map[string][]string) {
	var in webhookInput
	details := map[string][]string{}
	if create {
		name, _ := p.str("name")
		if strings.TrimSpace(name) == "" {
			details["name"] = []string{"can't be blank"}
		}
		in.name = &name
	}
	if target, ok := p.str("target_url"); ok || create {
		if !webhookValidURL(target) {
			details["target_url"] = []string{"is not a valid URL"}
		}
		in.targetURL = &target
	}
	codes, ok, problems := webhookReadCodes(p, create)
	if len(problems) > 0 {
		details["event_codes"] = problems
	} else if ok {
		in.eventCodes = codes
	}
	if len(details) > 0 {
		return in, details
	}
	return in, nil
}

// handleCreateWebhook serves POST /api/v2/webhooks: the webhook lives in
// the environment of the calling API key.
func (s *Service) handleCreateWebhook(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	in, details := readWebhookInput(p, true)
	if details != nil {
		writeValidation(w, details)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	st := s.hooks
	st.seq++
	h := &webhook{
		seq: st.seq, id: "webhook_" + webhookRandomBase62(27), env: apiEnv(r),
		name: *in.name, targetURL: *in.targetURL, eventCodes: in.eventCodes,
		signatureKey: webhookSignatureKey(), createdAt: now, updatedAt: now,
	}
	st.webhooks[h.id] = h
	s.secrets.Add(h.signatureKey)
	httpjson.Write(w, http.StatusCreated, h.toJSON())
}

// liveWebhook returns the webhook {id} of the caller's environment, or
// answers 404 and returns nil. The caller holds s.mu.
func (s *Service) liveWebhook(w http.ResponseWriter, r *http.Request) *webhook {
	h, ok := s.hooks.webhooks[r.PathValue("id")]
	if !ok || h.env != apiEnv(r) {
		writeNotFound(w, "webhook")
		return nil
	}
	return h
}

// handleGetWebhook serves GET /api/v2/webhooks/{id}.
func (s *Service) handleGetWebhook(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h := s.liveWebhook(w, r); h != nil {
		httpjson.Write(w, http.StatusOK, h.toJSON())
	}
}

// handleUpdateWebhook serves PUT /api/v2/webhooks/{id}: only target_url and
// event_codes change; a name is ignored.
func (s *Service) handleUpdateWebhook(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.liveWebhook(w, r)
	if h == nil {
		return
	}
	in, details := readWebhookInput(p, false)
	if details != nil {
		writeValidation(w, details)
		return
	}
	if in.targetURL != nil {
		h.targetURL = *in.targetURL
	}
	if in.eventCodes != nil {
		h.eventCodes = in.eventCodes
	}
	h.updatedAt = s.now()
	httpjson.Write(w, http.StatusOK, h.toJSON())
}

// handleDeleteWebhook serves DELETE /api/v2/webhooks/{id}.
func (s *Service) handleDeleteWebhook(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.liveWebhook(w, r)
	if h == nil {
		return
	}
	delete(s.hooks.webhooks, h.id)
	httpjson.Write(w, http.StatusOK, map[string]any{"deleted": true, "resource": h.toJSON()})
}

// envWebhooks returns the webhooks of env, newest first. The caller holds s.mu.
func (s *Service) envWebhooks(env string) []*webhook {
	var out []*webhook
	for _, h := range s.hooks.webhooks {
		if h.env == env {
			out = append(out, h)
		}
	}
	slices.SortFunc(out, func(a, b *webhook) int { return int(b.seq - a.seq) })
	return out
}

// handleListWebhooks serves GET /api/v2/webhooks: the caller's environment.
func (s *Service) handleListWebhooks(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	page, perPage := pageParams(p)
	s.mu.Lock()
	hooks := s.envWebhooks(apiEnv(r))
	data := make([]webhookJSON, 0, len(hooks))
	for _, h := range hooks {
		data = append(data, h.toJSON())
	}
	s.mu.Unlock()
	writePage(w, page, perPage, data)
}
