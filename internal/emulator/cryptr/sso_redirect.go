package cryptr

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// redirectURI is one allowed redirect URI of an environment.
type redirectURI struct {
	seq       int64
	id, env   string
	uri       string
	isDefault bool
	createdAt time.Time
	updatedAt time.Time
}

// redirectURIJSON is the RedirectUri wire object.
type redirectURIJSON struct {
	Environment string `json:"__environment__"`
	Type        string `json:"__type__"`
	Default     bool   `json:"default"`
	ID          string `json:"id"`
	InsertedAt  string `json:"inserted_at"`
	UpdatedAt   string `json:"updated_at"`
	URI         string `json:"uri"`
}

func (u *redirectURI) toJSON() redirectURIJSON {
	return redirectURIJSON{
		Environment: u.env, Type: "RedirectUri", Default: u.isDefault, ID: u.id,
		InsertedAt: u.createdAt.UTC().Format(timeLayout), UpdatedAt: u.updatedAt.UTC().Format(timeLayout), URI: u.uri,
	}
}

// ssoValidRedirectURI accepts an absolute URI: a scheme, a host for http
// and https, no white space and no fragment.
func ssoValidRedirectURI(v string) bool {
	if v == "" || strings.ContainsAny(v, " \t\r\n\v\f") {
		return false
	}
	u, err := url.Parse(v)
	if err != nil || u.Scheme == "" || u.Fragment != "" || strings.Contains(v, "#") {
		return false
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		return u.Host != ""
	}
	return u.Opaque != "" || u.Host != "" || u.Path != ""
}

// redirectOf returns the redirect URI of the {id} path value in the
// caller's environment, or answers 404. The caller holds s.mu.
func (s *Service) redirectOf(w http.ResponseWriter, r *http.Request) *redirectURI {
	u, ok := s.sso.redirects[r.PathValue("id")]
	if !ok || u.env != apiEnv(r) {
		writeNotFound(w, "redirect URI")
		return nil
	}
	return u
}

// applyRedirect validates and applies uri and default from p to u (a copy
// is changed only when everything is valid); the caller holds s.mu.
func (s *Service) applyRedirect(u *redirectURI, p params, create bool) map[string][]string {
	details := map[string][]string{}
	next := *u
	if v, ok := p.str("uri"); ok || create {
		switch {
		case !ssoValidRedirectURI(v):
			details["uri"] = []string{"is not a valid absolute URI"}
		default:
			for _, other := range s.sso.redirects {
				if other.id != u.id && other.env == u.env && other.uri == v {
					details["uri"] = []string{"has already been taken"}
				}
			}
		}
		next.uri = v
	}
	if v, ok := p.str("default"); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			details["default"] = []string{"must be a boolean"}
		}
		next.isDefault = b
	}
	if len(details) > 0 {
		return details
	}
	*u = next
	return nil
}

// clearOtherDefaults makes u the only default of its environment.
func (s *Service) clearOtherDefaults(u *redirectURI, now time.Time) {
	if !u.isDefault {
		return
	}
	for _, other := range s.sso.redirects {
		if other.id != u.id && other.env == u.env && other.isDefault {
			other.isDefault = false
			other.updatedAt = now
		}
	}
}

// handleCreateRedirectURI serves POST /api/v2/redirect-uris.
func (s *Service) handleCreateRedirectURI(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	u := &redirectURI{id: emuid.UUID(), env: apiEnv(r), createdAt: now, updatedAt: now}
	if details := s.applyRedirect(u, p, true); details != nil {
		writeValidation(w, details)
		return
	}
	s.sso.seq++
	u.seq = s.sso.seq
	s.sso.redirects[u.id] = u
	s.clearOtherDefaults(u, now)
	httpjson.Write(w, http.StatusCreated, u.toJSON())
}

// handleGetRedirectURI serves GET /api/v2/redirect-uris/{id}.
func (s *Service) handleGetRedirectURI(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.redirectOf(w, r); u != nil {
		httpjson.Write(w, http.StatusOK, u.toJSON())
	}
}

// handleUpdateRedirectURI serves PUT /api/v2/redirect-uris/{id}.
func (s *Service) handleUpdateRedirectURI(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.redirectOf(w, r)
	if u == nil {
		return
	}
	if details := s.applyRedirect(u, p, false); details != nil {
		writeValidation(w, details)
		return
	}
	now := s.now()
	u.updatedAt = now
	s.clearOtherDefaults(u, now)
	httpjson.Write(w, http.StatusOK, u.toJSON())
}

// handleDeleteRedirectURI serves DELETE /api/v2/redirect-uris/{id}.
func (s *Service) handleDeleteRedirectURI(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.redirectOf(w, r)
	if u == nil {
		return
	}
	if u.isDefault {
		for _, other := range s.sso.redirects {
			if other.id != u.id && other.env == u.env {
				writeValidation(w, map[string][]string{"default": {
					"the default redirect URI cannot be deleted while other redirect URIs exist in its environment; make another one the default or unset default first"}})
				return
			}
		}
	}
	delete(s.sso.redirects, u.id)
	httpjson.Write(w, http.StatusOK, map[string]any{"deleted": true, "resource": u.toJSON()})
}

// handleListRedirectURIs serves GET /api/v2/redirect-uris: the caller's
// environment, newest first.
func (s *Service) handleListRedirectURIs(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	page, perPage := pageParams(p)
	s.mu.Lock()
	defer s.mu.Unlock()
	var uris []*redirectURI
	for _, u := range s.sso.redirects {
		if u.env == apiEnv(r) {
			uris = append(uris, u)
		}
	}
	slices.SortFunc(uris, func(a, b *redirectURI) int {
		if c := b.createdAt.Compare(a.createdAt); c != 0 {
			return c
		}
		return int(b.seq - a.seq)
	})
	data := make([]redirectURIJSON, 0, len(uris))
	for _, u := range uris {
		data = append(data, u.toJSON())
	}
	writePage(w, page, perPage, data)
}
