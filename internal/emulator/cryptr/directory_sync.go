package cryptr

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// Hints of auth_secret_token, as in the reference's samples.
const (
	dirSyncHintShown  = "You must save this value. If you lose it you will have to create a new one using the reset endpoint."
	dirSyncHintHidden = "This value is only displayed once at creation. If you have lost this value and wish to recover it, please consider using the reset endpoint."
)

// dirSyncKey identifies a directory sync: one per organization and environment.
type dirSyncKey struct {
	orgSeq int64
	env    string
}

// directorySync is one stored directory sync.
type directorySync struct {
	id        string
	active    bool
	token     string
	createdAt time.Time
	updatedAt time.Time
}

type authSecretTokenJSON struct {
	Hint        string `json:"hint"`
	ProviderKey string `json:"provider_key"`
	Value       string `json:"value"`
}

// directorySyncJSON is the DirectorySync wire object.
type directorySyncJSON struct {
	Domain          string              `json:"__domain__"`
	Environment     string              `json:"__environment__"`
	Type            string              `json:"__type__"`
	Active          bool                `json:"active"`
	AuthSecretToken authSecretTokenJSON `json:"auth_secret_token"`
	ID              string              `json:"id"`
	InsertedAt      string              `json:"inserted_at"`
	ProviderType    *string             `json:"provider_type"`
	UpdatedAt       string              `json:"updated_at"`
}

// toJSON renders d; the token value is shown only when showToken is set.
func (d *directorySync) toJSON(domain, env string, showToken bool) directorySyncJSON {
	tok := authSecretTokenJSON{Hint: dirSyncHintHidden, ProviderKey: "OAuth Access Token", Value: "hidden"}
	if showToken {
		tok = authSecretTokenJSON{Hint: dirSyncHintShown, ProviderKey: "OAuth Bearer Token", Value: d.token}
	}
	return directorySyncJSON{
		Domain: domain, Environment: env, Type: "DirectorySync", Active: d.active, AuthSecretToken: tok,
		ID: d.id, InsertedAt: d.createdAt.UTC().Format(timeLayout), UpdatedAt: d.updatedAt.UTC().Format(timeLayout),
	}
}

// dirSyncToken returns a new SCIM bearer token for domain and env.
func dirSyncToken(domain, env string) string {
	b := make([]byte, 72)
	_, _ = rand.Read(b)
	return domain + "." + env + "." + emuid.UUID() + "." + base64.RawURLEncoding.EncodeToString(b)
}

// handleCreateDirectorySync serves POST /api/v2/org/{domain}/directory-sync.
func (s *Service) handleCreateDirectorySync(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.liveOrg(w, r)
	if o == nil {
		return
	}
	env := apiEnv(r)
	key := dirSyncKey{o.seq, env}
	if _, ok := s.conns.dirSyncs[key]; ok {
		writeError(w, http.StatusConflict, "conflict",
			"a directory sync already exists for organization "+o.domain+" in the "+env+" environment")
		return
	}
	now := s.now()
	d := &directorySync{id: emuid.UUID(), active: true, token: dirSyncToken(o.domain, env), createdAt: now, updatedAt: now}
	s.secrets.Add(d.token)
	s.conns.dirSyncs[key] = d
	httpjson.Write(w, http.StatusCreated, d.toJSON(o.domain, env, true))
}

// dirSync returns the directory sync of the request's organization and
// environment, or answers 404 and returns nil. The caller holds s.mu.
func (s *Service) dirSync(w http.ResponseWriter, r *http.Request) (*organization, *directorySync) {
	o := s.liveOrg(w, r)
	if o == nil {
		return nil, nil
	}
	d, ok := s.conns.dirSyncs[dirSyncKey{o.seq, apiEnv(r)}]
	if !ok {
		writeNotFound(w, "directory sync")
		return nil, nil
	}
	return o, d
}

// handleGetDirectorySync serves GET /api/v2/org/{domain}/directory-sync.
func (s *Service) handleGetDirectorySync(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, d := s.dirSync(w, r); d != nil {
		httpjson.Write(w, http.StatusOK, d.toJSON(o.domain, apiEnv(r), false))
	}
}

// handleUpdateDirectorySync serves PUT /api/v2/org/{domain}/directory-sync:
// only active changes, and it is required.
func (s *Service) handleUpdateDirectorySync(w http.ResponseWriter, r *http.Request) {
	p, ok := connParams(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, d := s.dirSync(w, r)
	if d == nil {
		return
	}
	f := connFields{p: p}
	active := d.active
	if !f.bool("active", &active) && f.details == nil {
		f.fail("active", "can't be blank")
	}
	if f.details != nil {
		writeValidation(w, f.details)
		return
	}
	d.active = active
	d.updatedAt = s.now()
	httpjson.Write(w, http.StatusOK, d.toJSON(o.domain, apiEnv(r), false))
}

// handleResetDirectorySyncToken serves POST
// /api/v2/org/{domain}/directory-sync/reset-token: a new token replaces the
// old one and is shown once.
func (s *Service) handleResetDirectorySyncToken(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, d := s.dirSync(w, r)
	if d == nil {
		return
	}
	d.token = dirSyncToken(o.domain, apiEnv(r))
	s.secrets.Add(d.token)
	d.updatedAt = s.now()
	httpjson.Write(w, http.StatusOK, d.toJSON(o.domain, apiEnv(r), true))
}
