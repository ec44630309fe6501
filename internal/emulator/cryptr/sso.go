package cryptr

import "net/http"

// ssoStore holds SSO connections and redirect URIs.
type ssoStore struct{}

func newSSOStore() *ssoStore { return &ssoStore{} }

// registerSSO adds the routes of SSO connections and redirect URIs.
func (s *Service) registerSSO(mux *http.ServeMux) {}
