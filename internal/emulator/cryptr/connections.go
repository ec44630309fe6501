package cryptr

import (
	"net/http"
	"strconv"
	"strings"
)

// connectionStore holds directory syncs and password, magic-link and TOTP
// connections. It is guarded by Service.mu. Every object is keyed by the
// organization's seq, so it goes away with the organization and does not
// come back when the domain is reused.
//
// Routes:
//
//	POST /api/v2/org/{domain}/directory-sync              create (201, 409 if one exists)
//	GET  /api/v2/org/{domain}/directory-sync              retrieve
//	PUT  /api/v2/org/{domain}/directory-sync              update active (required)
//	POST /api/v2/org/{domain}/directory-sync/reset-token  DESIGN: new SCIM token
//	POST /api/v2/org/{domain}/password-connection         create (201, 422 if one exists)
//	GET  /api/v2/org/{domain}/password-connection         retrieve
//	PUT  /api/v2/org/{domain}/password-connection         update
//	GET  /api/v2/org/{domain}/magic-link-connection       retrieve
//	PUT  /api/v2/org/{domain}/magic-link-connection       update
//	GET  /api/v2/org/{domain}/totp-connection             retrieve
//	POST /api/v2/org/{domain}/totp-connection             update (as documented; 201)
//	PUT  /api/v2/org/{domain}/totp-connection             update (v2 convention; 200)
//
// # Design choices where the reference is silent
//
//   - An unknown or deleted organization → 404 "organization not found" on
//     every route. Objects do not wait for provisioning: they can be written
//     while the organization's environments are still "down".
//   - Booleans are "true"/"false" (also 1/0, t/f as strconv.ParseBool reads
//     them); integers are base 10. A malformed value → 422 details.<field>
//     ["is invalid"]. An empty value of an optional text field (a template
//     id) means null: that is how a form clears it.
//   - Directory sync: one per (organization, environment), the environment
//     being the calling API key's. There is no delete route (the reference
//     documents none): a directory sync, once created, stays, active or not,
//     so a second create for the pair → 409 type "conflict", whatever its
//     active flag. GET of a pair without one → 404 "directory sync not
//     found" (the reference's "NoResult"). The token ("<domain>.<env>.<uuid>.
//     <96 URL-safe chars>") appears in auth_secret_token.value only in the
//     answers of create and reset-token; GET and PUT answer "hidden" with
//     the "only displayed once" hint (the reference's update sample shows a
//     value, which is read as a copy of the create sample). reset-token is
//     the reset endpoint the hint mentions: it replaces the token (the old
//     one stops being valid), keeps active as it is, bumps updated_at and
//     answers 200 with the object and the new value. PUT without active →
//     422 details.active ["can't be blank"]. provider_type stays null.
//   - Password connection: an organization has none until one is created
//     (the reference's "Create ... will enable password login"); GET → 404
//     "password connection not found" before. There is no delete route. A
//     second create → 422 details.password_connection ["already exists"].
//     Create and update take active, plain_text_min_length,
//     plain_text_max_length, pepper_rotation_period and
//     forgot_password_template_id (the update is documented with active only
//     but nothing says the others are refused, and the SDK model carries
//     forgot_password_template_id, which every answer includes); absent keys
//     keep their value (on create: the defaults active true, 8, 40, 86400,
//     null, the values of the reference's samples). Rules: min >= 1,
//     max > min, pepper_rotation_period >= 1 (seconds), template ids are
//     UUIDs; failures → 422 details.<field>.
//   - Magic-link connection: every organization has one from its creation
//     (id and inserted_at fixed then), with the documented defaults active
//     true, find_or_create_user false, sign_in_template_id null. There is no
//     create and no delete. PUT takes active, find_or_create_user and
//     sign_in_template_id (a UUID; the type documents it and the reference
//     says templates can be chosen).
//   - TOTP connection: every organization has one, deactivated, with the
//     documented defaults method "totp_mobile_app" and expiry_in_seconds 30.
//     The answer has only __domain__, active, expiry_in_seconds and method
//     (no id, no timestamps), as in the reference. The update is documented
//     as POST answering 201; PUT is accepted too (answering 200). method ∈
//     {sms, totp_mobile_app}; expiry_in_seconds ∈ [30, 900]. When method
//     changes and expiry_in_seconds is absent, the expiry becomes the new
//     method's documented default (600 for sms, 30 for the mobile app).
//   - Password, magic-link and TOTP connections belong to the organization,
//     not to an environment: both API keys see and change the same ones.
type connectionStore struct {
	dirSyncs   map[dirSyncKey]*directorySync
	passwords  map[int64]*passwordConnection
	magicLinks map[int64]*magicLinkConnection
	totps      map[int64]*totpConnection
}

func newConnectionStore() *connectionStore {
	return &connectionStore{
		dirSyncs:   map[dirSyncKey]*directorySync{},
		passwords:  map[int64]*passwordConnection{},
		magicLinks: map[int64]*magicLinkConnection{},
		totps:      map[int64]*totpConnection{},
	}
}

// registerConnections adds the routes of directory syncs and password, magic-link and TOTP connections.
func (s *Service) registerConnections(mux *http.ServeMux) {
	const org = "/api/v2/org/{domain}/"
	mux.Handle("POST "+org+"directory-sync", s.authenticated(s.handleCreateDirectorySync))
	mux.Handle("GET "+org+"directory-sync", s.authenticated(s.handleGetDirectorySync))
	mux.Handle("PUT "+org+"directory-sync", s.authenticated(s.handleUpdateDirectorySync))
	mux.Handle("POST "+org+"directory-sync/reset-token", s.authenticated(s.handleResetDirectorySyncToken))
	mux.Handle("POST "+org+"password-connection", s.authenticated(s.handleCreatePasswordConnection))
	mux.Handle("GET "+org+"password-connection", s.authenticated(s.handleGetPasswordConnection))
	mux.Handle("PUT "+org+"password-connection", s.authenticated(s.handleUpdatePasswordConnection))
	mux.Handle("GET "+org+"magic-link-connection", s.authenticated(s.handleGetMagicLinkConnection))
	mux.Handle("PUT "+org+"magic-link-connection", s.authenticated(s.handleUpdateMagicLinkConnection))
	mux.Handle("GET "+org+"totp-connection", s.authenticated(s.handleGetTOTPConnection))
	mux.Handle("POST "+org+"totp-connection", s.authenticated(s.handleUpdateTOTPConnection))
	mux.Handle("PUT "+org+"totp-connection", s.authenticated(s.handleUpdateTOTPConnection))
}

// connParams parses the request parameters, answering 400 when the body is
// malformed (then ok is false).
func connParams(w http.ResponseWriter, r *http.Request) (params, bool) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return nil, false
	}
	return p, true
}

// connFields reads typed fields and collects 422 details.
type connFields struct {
	p       params
	details map[string][]string
}

func (f *connFields) fail(field, msg string) {
	if f.details == nil {
		f.details = map[string][]string{}
	}
	f.details[field] = append(f.details[field], msg)
}

// bool stores key's value in dst when present.
func (f *connFields) bool(key string, dst *bool) bool {
	s, ok := f.p.str(key)
	if !ok {
		return false
	}
	v, err := strconv.ParseBool(strings.TrimSpace(s))
	if err != nil {
		f.fail(key, "is invalid")
		return false
	}
	*dst = v
	return true
}

// int stores key's value in dst when present.
func (f *connFields) int(key string, dst *int) bool {
	s, ok := f.p.str(key)
	if !ok {
		return false
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		f.fail(key, "is invalid")
		return false
	}
	*dst = v
	return true
}

// uuid stores key's value in dst when present: an empty value is null,
// anything else must be a UUID.
func (f *connFields) uuid(key string, dst **string) {
	s, ok := f.p.str(key)
	if !ok {
		return
	}
	s = strings.TrimSpace(s)
	if s == "" {
		*dst = nil
		return
	}
	if !connIsUUID(s) {
		f.fail(key, "is not a valid UUID")
		return
	}
	*dst = &s
}

// connIsUUID reports whether s is a UUID in the 8-4-4-4-12 hex form.
func connIsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
				return false
			}
		}
	}
	return true
}
