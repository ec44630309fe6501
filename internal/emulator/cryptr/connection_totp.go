package cryptr

import (
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// TOTP methods and their documented default expiries.
const (
	totpMethodApp = "totp_mobile_app"
	totpMethodSMS = "sms"

	totpMinExpiry = 30
	totpMaxExpiry = 900
)

// totpDefaultExpiry is the documented default expiry of each method.
var totpDefaultExpiry = map[string]int{totpMethodApp: 30, totpMethodSMS: 600}

// totpExpiryRule words the range totpExpiryOK accepts.
const totpExpiryRule = "must be between 30 and 900"

// totpMethodRule words the methods totpDefaultExpiry knows.
const totpMethodRule = "must be one of: sms, totp_mobile_app"

// totpExpiryOK reports whether expiry (seconds) is within the accepted range.
func totpExpiryOK(expiry int) bool { return expiry >= totpMinExpiry && expiry <= totpMaxExpiry }

// totpConnection is one organization's TOTP connection.
type totpConnection struct {
	active bool
	method string
	expiry int
}

// totpConnectionJSON is the TOTP connection wire object (no id, no
// timestamps, as in the reference).
type totpConnectionJSON struct {
	Domain          string `json:"__domain__"`
	Active          bool   `json:"active"`
	ExpiryInSeconds int    `json:"expiry_in_seconds"`
	Method          string `json:"method"`
}

// totp returns the TOTP connection of o, which every organization has,
// deactivated, with the documented defaults. The caller holds s.mu.
func (s *Service) totp(o *organization) *totpConnection {
	c, ok := s.conns.totps[o.seq]
	if !ok {
		c = &totpConnection{method: totpMethodApp, expiry: totpDefaultExpiry[totpMethodApp]}
		s.conns.totps[o.seq] = c
	}
	return c
}

// handleGetTOTPConnection serves GET /api/v2/org/{domain}/totp-connection.
func (s *Service) handleGetTOTPConnection(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o := s.liveOrg(w, r); o != nil {
		c := s.totp(o)
		httpjson.Write(w, http.StatusOK, totpConnectionJSON{o.domain, c.active, c.expiry, c.method})
	}
}

// handleUpdateTOTPConnection serves POST (documented, 201) and PUT (200)
// /api/v2/org/{domain}/totp-connection.
func (s *Service) handleUpdateTOTPConnection(w http.ResponseWriter, r *http.Request) {
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
	c := s.totp(o)
	updated := *c
	f := connFields{p: p}
	f.bool("active", &updated.active)
	if m, present := p.str("method"); present {
		if _, known := totpDefaultExpiry[m]; !known {
			f.fail("method", totpMethodRule)
		} else {
			updated.method = m
		}
	}
	if !f.int("expiry_in_seconds", &updated.expiry) && updated.method != c.method {
		updated.expiry = totpDefaultExpiry[updated.method]
	}
	if f.details == nil && !totpExpiryOK(updated.expiry) {
		f.fail("expiry_in_seconds", totpExpiryRule)
	}
	if f.details != nil {
		writeValidation(w, f.details)
		return
	}
	*c = updated
	status := http.StatusOK
	if r.Method == http.MethodPost {
		status = http.StatusCreated
	}
	httpjson.Write(w, status, totpConnectionJSON{o.domain, c.active, c.expiry, c.method})
}
