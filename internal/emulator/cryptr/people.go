package cryptr

import "net/http"

// peopleStore holds admins and users.
type peopleStore struct{}

func newPeopleStore() *peopleStore { return &peopleStore{} }

// registerPeople adds the routes of admins and users.
func (s *Service) registerPeople(mux *http.ServeMux) {}
