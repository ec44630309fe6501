package cryptr

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// peopleEmailPattern is what the emulator accepts as an email address.
var peopleEmailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// admin is an organization's invited administrator.
type admin struct {
	orgSeq    int64
	id, email string
	createdAt time.Time
}

// adminJSON is the Admin wire object (field order as in the reference).
type adminJSON struct {
	AcceptedInvitationAt   *string       `json:"accepted_invitation_at"`
	Color                  string        `json:"color"`
	DeclinedToBeInChargeAt *string       `json:"declined_to_be_in_charge_at"`
	Email                  string        `json:"email"`
	ID                     string        `json:"id"`
	InsertedAt             string        `json:"inserted_at"`
	InvitedAt              string        `json:"invited_at"`
	LastLoginAt            *string       `json:"last_login_at"`
	Organization           nestedOrgJSON `json:"organization"`
	UpdatedAt              string        `json:"updated_at"`
}

func (s *Service) adminJSON(a *admin, o *organization) adminJSON {
	at := a.createdAt.UTC().Format(timeLayout)
	return adminJSON{
		Color: "red-500", Email: a.email, ID: a.id,
		InsertedAt: at, InvitedAt: at, UpdatedAt: at,
		Organization: o.nestedJSON(s.now(), s.opts.ProvisioningDelay),
	}
}

// peopleEmailProblem returns the 422 message for email, or "" when it is fine.
func peopleEmailProblem(email string) string {
	switch {
	case strings.TrimSpace(email) == "":
		return "can't be blank"
	case !peopleEmailPattern.MatchString(email):
		return "is not a valid email"
	}
	return ""
}

// findAdmin returns the index of o's admin with email, or -1. The caller holds s.mu.
func (s *Service) findAdmin(o *organization, email string) int {
	return slices.IndexFunc(s.people.admins, func(a *admin) bool {
		return a.orgSeq == o.seq && strings.EqualFold(a.email, email)
	})
}

// handleCreateAdmin serves POST /api/v2/org/{domain}/admins.
func (s *Service) handleCreateAdmin(w http.ResponseWriter, r *http.Request) {
	p, ok := peopleParams(w, r)
	if !ok {
		return
	}
	email, _ := p.str("email")
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.liveOrg(w, r)
	if o == nil {
		return
	}
	if msg := peopleEmailProblem(email); msg != "" {
		writeValidation(w, map[string][]string{"email": {msg}})
		return
	}
	if s.findAdmin(o, email) >= 0 {
		writeValidation(w, map[string][]string{"email": {"has already been taken"}})
		return
	}
	a := &admin{orgSeq: o.seq, id: emuid.UUID(), email: email, createdAt: s.now()}
	s.people.admins = append(s.people.admins, a)
	httpjson.Write(w, http.StatusCreated, s.adminJSON(a, o))
}

// handleGetAdmin serves GET /api/v2/org/{domain}/admins/{email}.
func (s *Service) handleGetAdmin(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.liveOrg(w, r)
	if o == nil {
		return
	}
	i := s.findAdmin(o, r.PathValue("email"))
	if i < 0 {
		writeNotFound(w, "admin")
		return
	}
	httpjson.Write(w, http.StatusOK, s.adminJSON(s.people.admins[i], o))
}

// handleDeleteAdmin serves DELETE /api/v2/org/{domain}/admins/{email}.
func (s *Service) handleDeleteAdmin(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.liveOrg(w, r)
	if o == nil {
		return
	}
	i := s.findAdmin(o, r.PathValue("email"))
	if i < 0 {
		writeNotFound(w, "admin")
		return
	}
	resource := s.adminJSON(s.people.admins[i], o)
	s.people.admins = slices.Delete(s.people.admins, i, i+1)
	httpjson.Write(w, http.StatusOK, map[string]any{"deleted": true, "resource": resource})
}

// handleListAdmins serves GET /api/v2/org/{domain}/admins, newest first.
func (s *Service) handleListAdmins(w http.ResponseWriter, r *http.Request) {
	p, ok := peopleParams(w, r)
	if !ok {
		return
	}
	page, perPage := pageParams(p)
	s.mu.Lock()
	o := s.liveOrg(w, r)
	if o == nil {
		s.mu.Unlock()
		return
	}
	data := []adminJSON{}
	for _, a := range slices.Backward(s.people.admins) {
		if a.orgSeq == o.seq {
			data = append(data, s.adminJSON(a, o))
		}
	}
	s.mu.Unlock()
	writePage(w, page, perPage, data)
}
