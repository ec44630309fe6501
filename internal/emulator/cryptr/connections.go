package cryptr

import "net/http"

// connectionStore holds directory syncs and password, magic-link and TOTP connections.
type connectionStore struct{}

func newConnectionStore() *connectionStore { return &connectionStore{} }

// registerConnections adds the routes of directory syncs and password, magic-link and TOTP connections.
func (s *Service) registerConnections(mux *http.ServeMux) {}
