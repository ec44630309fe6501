package cryptr

import (
	"net/http"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// magicLinkConnection is one organization's magic-link connection.
type magicLinkConnection struct {
	id                   string
	active               bool
	findOrCreateUser     bool
	signInTemplateID     *string
	createdAt, updatedAt time.Time
}

// magicLinkConnectionJSON is the MagicLinkConnection wire object.
type magicLinkConnectionJSON struct {
	Type             string  `json:"__type__"`
	Active           bool    `json:"active"`
	FindOrCreateUser bool    `json:"find_or_create_user"`
	ID               string  `json:"id"`
	InsertedAt       string  `json:"inserted_at"`
	SignInTemplateID *string `json:"sign_in_template_id"`
	UpdatedAt        string  `json:"updated_at"`
}

func (c *magicLinkConnection) toJSON() magicLinkConnectionJSON {
	return magicLinkConnectionJSON{
		Type: "MagicLinkConnection", Active: c.active, FindOrCreateUser: c.findOrCreateUser, ID: c.id,
		InsertedAt: c.createdAt.UTC().Format(timeLayout), SignInTemplateID: c.signInTemplateID,
		UpdatedAt: c.updatedAt.UTC().Format(timeLayout),
	}
}

// magicLink returns the magic-link connection of o, which every
// organization has from its creation with the documented defaults. The
// caller holds s.mu.
func (s *Service) magicLink(o *organization) *magicLinkConnection {
	c, ok := s.conns.magicLinks[o.seq]
	if !ok {
		c = &magicLinkConnection{id: emuid.UUID(), active: true, createdAt: o.createdAt, updatedAt: o.createdAt}
		s.conns.magicLinks[o.seq] = c
	}
	return c
}

// handleGetMagicLinkConnection serves GET /api/v2/org/{domain}/magic-link-connection.
func (s *Service) handleGetMagicLinkConnection(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o := s.liveOrg(w, r); o != nil {
		httpjson.Write(w, http.StatusOK, s.magicLink(o).toJSON())
	}
}

// handleUpdateMagicLinkConnection serves PUT /api/v2/org/{domain}/magic-link-connection.
func (s *Service) handleUpdateMagicLinkConnection(w http.ResponseWriter, r *http.Request) {
	p, ok := connParams(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.liveOrg(w, r)
	if o == nil {
		return
	}
	c := s.magicLink(o)
	updated := *c
	f := connFields{p: p}
	f.bool("active", &updated.active)
	f.bool("find_or_create_user", &updated.findOrCreateUser)
	f.uuid("sign_in_template_id", &updated.signInTemplateID)
	if f.details != nil {
		writeValidation(w, f.details)
		return
	}
	updated.updatedAt = s.now()
	*c = updated
	httpjson.Write(w, http.StatusOK, c.toJSON())
}
