package cryptr

import (
	"net/http"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// Defaults of a new password connection (the reference's sample values).
const (
	passwordDefaultMinLength      = 8
	passwordDefaultMaxLength      = 40
	passwordDefaultPepperRotation = 86400
)

// passwordConnection is one organization's password connection.
type passwordConnection struct {
	id                       string
	active                   bool
	minLength, maxLength     int
	pepperRotationPeriod     int
	forgotPasswordTemplateID *string
	createdAt, updatedAt     time.Time
}

// passwordConnectionJSON is the PasswordConnection wire object.
type passwordConnectionJSON struct {
	Domain                   string  `json:"__domain__"`
	Type                     string  `json:"__type__"`
	Active                   bool    `json:"active"`
	ForgotPasswordTemplateID *string `json:"forgot_password_template_id"`
	ID                       string  `json:"id"`
	InsertedAt               string  `json:"inserted_at"`
	PepperRotationPeriod     int     `json:"pepper_rotation_period"`
	PlainTextMaxLength       int     `json:"plain_text_max_length"`
	PlainTextMinLength       int     `json:"plain_text_min_length"`
	UpdatedAt                string  `json:"updated_at"`
}

func (c *passwordConnection) toJSON(domain string) passwordConnectionJSON {
	return passwordConnectionJSON{
		Domain: domain, Type: "PasswordConnection", Active: c.active, ForgotPasswordTemplateID: c.forgotPasswordTemplateID,
		ID: c.id, InsertedAt: c.createdAt.UTC().Format(timeLayout), PepperRotationPeriod: c.pepperRotationPeriod,
		PlainTextMaxLength: c.maxLength, PlainTextMinLength: c.minLength, UpdatedAt: c.updatedAt.UTC().Format(timeLayout),
	}
}

// apply reads the present fields of p into a copy of c and validates the
// result; it returns 422 details on failure.
func (c passwordConnection) apply(p params) (passwordConnection, map[string][]string) {
	f := connFields{p: p}
	f.bool("active", &c.active)
	f.int("plain_text_min_length", &c.minLength)
	f.int("plain_text_max_length", &c.maxLength)
	f.int("pepper_rotation_period", &c.pepperRotationPeriod)
	f.uuid("forgot_password_template_id", &c.forgotPasswordTemplateID)
	if f.details == nil {
		c.checkRules(f.fail)
	}
	return c, f.details
}

// checkRules reports, through fail, every length and period rule c breaks
// (also used to check seeded connections).
func (c passwordConnection) checkRules(fail func(field, msg string)) {
	if c.minLength < 1 {
		fail("plain_text_min_length", "must be greater than or equal to 1")
	}
	if c.maxLength <= c.minLength {
		fail("plain_text_max_length", "must be greater than plain_text_min_length")
	}
	if c.pepperRotationPeriod < 1 {
		fail("pepper_rotation_period", "must be greater than or equal to 1")
	}
}

// handleCreatePasswordConnection serves POST /api/v2/org/{domain}/password-connection.
func (s *Service) handleCreatePasswordConnection(w http.ResponseWriter, r *http.Request) {
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
	if _, exists := s.conns.passwords[o.seq]; exists {
		writeValidation(w, map[string][]string{"password_connection": {"already exists"}})
		return
	}
	now := s.now()
	c, details := passwordConnection{
		id: emuid.UUID(), active: true, minLength: passwordDefaultMinLength, maxLength: passwordDefaultMaxLength,
		pepperRotationPeriod: passwordDefaultPepperRotation, createdAt: now, updatedAt: now,
	}.apply(p)
	if details != nil {
		writeValidation(w, details)
		return
	}
	s.conns.passwords[o.seq] = &c
	httpjson.Write(w, http.StatusCreated, c.toJSON(o.domain))
}

// handleGetPasswordConnection serves GET /api/v2/org/{domain}/password-connection.
func (s *Service) handleGetPasswordConnection(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.liveOrg(w, r)
	if o == nil {
		return
	}
	c, ok := s.conns.passwords[o.seq]
	if !ok {
		writeNotFound(w, "password connection")
		return
	}
	httpjson.Write(w, http.StatusOK, c.toJSON(o.domain))
}

// handleUpdatePasswordConnection serves PUT /api/v2/org/{domain}/password-connection.
func (s *Service) handleUpdatePasswordConnection(w http.ResponseWriter, r *http.Request) {
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
	c, ok := s.conns.passwords[o.seq]
	if !ok {
		writeNotFound(w, "password connection")
		return
	}
	updated, details := c.apply(p)
	if details != nil {
		writeValidation(w, details)
		return
	}
	updated.updatedAt = s.now()
	*c = updated
	httpjson.Write(w, http.StatusOK, c.toJSON(o.domain))
}
