package cryptr

import "net/http"

// webhookStore holds webhooks and webhook events.
type webhookStore struct{}

func newWebhookStore() *webhookStore { return &webhookStore{} }

// registerWebhooks adds the routes of webhooks and webhook events.
func (s *Service) registerWebhooks(mux *http.ServeMux) {}
