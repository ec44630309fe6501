package cryptr

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// userMetaKeyPattern is a metakey name the emulator treats as declared in
// the account (see peopleStore).
var userMetaKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// handleAddUserMetadata serves PUT /api/v2/org/{domain}/users/{id}/add-metadata.
func (s *Service) handleAddUserMetadata(w http.ResponseWriter, r *http.Request) {
	s.changeUserMetadata(w, r, true)
}

// handleRemoveUserMetadata serves PUT /api/v2/org/{domain}/users/{id}/remove-metadata.
func (s *Service) handleRemoveUserMetadata(w http.ResponseWriter, r *http.Request) {
	s.changeUserMetadata(w, r, false)
}

// changeUserMetadata sets (add) or removes the metadata key of the request.
func (s *Service) changeUserMetadata(w http.ResponseWriter, r *http.Request, add bool) {
	p, ok := peopleParams(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, u := s.liveUser(w, r, false)
	if u == nil {
		return
	}
	key, _ := p.str("key")
	value, _ := p.str("value")
	details := map[string][]string{}
	if key == "" {
		details["key"] = []string{"can't be blank"}
	}
	if add && value == "" {
		details["value"] = []string{"can't be blank"}
	}
	if len(details) > 0 {
		writeValidation(w, details)
		return
	}
	if !userMetaKeyPattern.MatchString(key) {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("metakey %q is not declared in the account", key))
		return
	}
	i := slices.IndexFunc(u.metadata, func(m userMeta) bool { return m.key == key })
	switch {
	case add && i >= 0:
		u.metadata[i].value = value
	case add:
		u.metadata = append(u.metadata, userMeta{id: emuid.UUID(), key: key, value: value})
	case i >= 0:
		u.metadata = slices.Delete(u.metadata, i, i+1)
	default: // removing a key the user does not have changes nothing
		httpjson.Write(w, http.StatusOK, u.toJSON(o.domain))
		return
	}
	u.updatedAt = s.now()
	httpjson.Write(w, http.StatusOK, u.toJSON(o.domain))
}
