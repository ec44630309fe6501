package cryptr

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// orgInput is the validated create/update input; nil fields were absent.
type orgInput struct {
	name    *string
	domains []string // nil when absent
}

// readOrgInput parses and validates name and allowed_email_domains[].
// It returns 422 details when validation fails.
func readOrgInput(p params, requireName bool) (orgInput, map[string][]string) {
	var in orgInput
	details := map[string][]string{}
	if name, ok := p.str("name"); ok || requireName {
		if strings.TrimSpace(name) == "" {
			details["name"] = append(details["name"], "can't be blank")
		} else if slugify(name) == "" {
			details["name"] = append(details["name"], "must contain at least one letter or digit")
		}
		in.name = &name
	}
	if domains, ok := p.list("allowed_email_domains"); ok {
		for _, d := range domains {
			if !validEmailDomain(d) {
				details["allowed_email_domains"] = append(details["allowed_email_domains"],
					fmt.Sprintf("%q is not a valid domain", d))
			}
		}
		in.domains = domains
	}
	if len(details) > 0 {
		return in, details
	}
	return in, nil
}

// handleCreateOrganization serves POST /api/v2/organizations.
func (s *Service) handleCreateOrganization(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	in, details := readOrgInput(p, true)
	if details != nil {
		writeValidation(w, details)
		return
	}
	domain := slugify(*in.name)
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, ok := s.orgs[domain]; ok {
		if !o.deleted {
			writeValidation(w, map[string][]string{"name": {"has already been taken"}})
			return
		}
		s.replaced = append(s.replaced, o)
	}
	now := s.now()
	s.seq++
	o := &organization{
		seq:                 s.seq,
		domain:              domain,
		name:                *in.name,
		allowedEmailDomains: in.domains,
		createdAt:           now,
		updatedAt:           now,
	}
	if o.allowedEmailDomains == nil {
		o.allowedEmailDomains = []string{}
	}
	s.orgs[domain] = o
	httpjson.Write(w, http.StatusCreated, o.toJSON(now, s.opts.ProvisioningDelay))
}

// handleGetOrganization serves GET /api/v2/organizations/{domain}.
func (s *Service) handleGetOrganization(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orgs[r.PathValue("domain")]
	switch {
	case !ok:
		writeNotFound(w, "organization")
	case o.deleted:
		httpjson.Write(w, http.StatusOK, deletedOrgJSON{Type: "Organization", Domain: o.domain, Name: o.name, Deleted: true})
	default:
		httpjson.Write(w, http.StatusOK, o.toJSON(s.now(), s.opts.ProvisioningDelay))
	}
}

// handleUpdateOrganization serves PUT /api/v2/organizations/{domain}; only
// the keys present in the request change.
func (s *Service) handleUpdateOrganization(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orgs[r.PathValue("domain")]
	if !ok || o.deleted {
		writeNotFound(w, "organization")
		return
	}
	in, details := readOrgInput(p, false)
	if details != nil {
		writeValidation(w, details)
		return
	}
	if in.name != nil {
		o.name = *in.name
	}
	if in.domains != nil {
		o.allowedEmailDomains = in.domains
	}
	now := s.now()
	o.updatedAt = now
	httpjson.Write(w, http.StatusOK, o.toJSON(now, s.opts.ProvisioningDelay))
}

// handleDeleteOrganization serves DELETE /api/v2/organizations/{domain}; the
// organization becomes a tombstone and its domain is free again.
func (s *Service) handleDeleteOrganization(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orgs[r.PathValue("domain")]
	if !ok || o.deleted {
		writeNotFound(w, "organization")
		return
	}
	resource := o.toJSON(s.now(), s.opts.ProvisioningDelay)
	o.deleted = true
	httpjson.Write(w, http.StatusOK, map[string]any{"deleted": true, "resource": resource})
}

// liveOrg returns the live (not deleted) organization of the request's
// {domain} path value, or answers 404 and returns nil. The caller holds s.mu.
// Objects that belong to an organization are keyed by its seq, so that they
// go with it when it is deleted and do not come back if the domain is reused.
func (s *Service) liveOrg(w http.ResponseWriter, r *http.Request) *organization {
	o, ok := s.orgs[r.PathValue("domain")]
	if !ok || o.deleted {
		writeNotFound(w, "organization")
		return nil
	}
	return o
}
