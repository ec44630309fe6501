package cryptr

import (
	"net/http"
)

// peopleStore holds admins and users. It is guarded by Service.mu.
//
// Routes:
//
//	POST   /api/v2/org/{domain}/admins                        create (invite) an admin
//	GET    /api/v2/org/{domain}/admins                        list
//	GET    /api/v2/org/{domain}/admins/{email}                retrieve
//	DELETE /api/v2/org/{domain}/admins/{email}                delete
//	POST   /api/v2/org/{domain}/users                         create
//	GET    /api/v2/org/{domain}/users                         list
//	GET    /api/v2/org/{domain}/users/{email_or_id}           retrieve by id or email
//	PUT    /api/v2/org/{domain}/users/{id}                    update
//	DELETE /api/v2/org/{domain}/users/{id}                    delete
//	PUT    /api/v2/org/{domain}/users/{id}/add-metadata       set one metadata key
//	PUT    /api/v2/org/{domain}/users/{id}/remove-metadata    remove one metadata key
//
// Design choices where the reference is silent:
//
//   - Admins are organization-wide: the Admin type has no __environment__, so
//     both API keys see the same admins. An organization has at most one
//     admin per email, compared case-insensitively; the email is kept as
//     given. Create: email missing → 422 details.email ["can't be blank"],
//     malformed → ["is not a valid email"], taken → ["has already been
//     taken"]. There is no update route. invited_at = inserted_at; the
//     acceptance, decline and last-login timestamps stay null (nothing in
//     the API can accept an invitation). GET/DELETE of an unknown email →
//     404; DELETE answers {"deleted":true,"resource":Admin} and the admin is
//     gone (GET → 404, a new invitation may reuse the email).
//   - Users live in the environment of the calling API key (__environment__):
//     a user created with the sandbox key is invisible to the production key.
//     An email is unique per organization and environment (case-insensitive;
//     taken → 422 details.email ["has already been taken"]).
//   - User bodies use the SDK's encoding: email, phone_number, profile[<f>]
//     and address[<f>] (JSON objects flatten to the same keys). The create
//     sample's nesting is accepted too: profile[email], profile[phone_number]
//     and profile[address][<f>]; the top-level key wins when both are sent.
//     Keys starting with "__" (the SDK's __type__ and friends) are ignored.
//     An unknown field under profile[...] or address[...] (a wrong nesting,
//     such as profile[country] or address[given_name]) → 422
//     details.profile / details.address ["unknown field \"<f>\""]; a scalar
//     profile= or address= → 422 ["must be an object"]. Top-level profile
//     fields (given_name=...) are unknown keys and ignored like any other.
//   - Validation (422, details keyed "email", "phone_number",
//     "profile.<f>", "address.<f>"): email required on create AND update (as
//     the reference says) and must look like local@domain.tld; phone_number
//     must be E.164 (+ then 2..15 digits, no spaces); profile.gender is male
//     or female; profile.birthdate is YYYY-MM-DD; profile.picture and
//     profile.website are absolute http(s) URLs. Other fields are free text.
//   - Update (PUT) changes only the keys present; an empty value clears a
//     field (it then reads null). Email may change (the reference lists it
//     among the update parameters). meta_data sent to create or update is
//     ignored: metadata only changes through add-metadata/remove-metadata.
//   - Read shape: profile is always an object with all ten OpenID fields
//     (null when unset); address is null when none of its six fields is set,
//     else an object with all six; phone_number is null when unset; active
//     is true, email_verified and phone_number_verified false; identities
//     and phone_numbers are []. meta_data is a list of {id, key:{name,
//     required:false, type:"string"}, value}, in the order keys were first
//     added. Create, update and metadata changes move updated_at.
//   - Metakeys: the reference requires a key to be declared in the account
//     (Token > Create a User Metakey) but documents no endpoint for it. The
//     emulator treats every well-formed key name (a lowercase letter, then
//     up to 63 lowercase letters, digits or underscores) as a declared
//     string metakey; any other key → 404 type "not_found" ("metakey ... is
//     not declared"), as the reference lists only 200/401/404 for these
//     routes. key missing → 422 details.key; value missing or empty on
//     add-metadata → 422 details.value. add-metadata on a key already set
//     replaces its value; remove-metadata of a key the user does not have is
//     a no-op answered 200 (so a retried PUT is harmless).
//   - GET .../users/{email_or_id} matches the id first, then the email
//     (case-insensitive). PUT, DELETE and the metadata routes take the id
//     only. DELETE answers {"deleted":true,"resource":User}; the user is then
//     gone (404), as is a deleted organization's every admin and user.
//   - Lists are newest first, paginated like every list (page or
//     current_page, per_page).
type peopleStore struct {
	admins []*admin // creation order
	users  []*user  // creation order
}

func newPeopleStore() *peopleStore { return &peopleStore{} }

// registerPeople adds the routes of admins and users.
func (s *Service) registerPeople(mux *http.ServeMux) {
	const admins, users = "/api/v2/org/{domain}/admins", "/api/v2/org/{domain}/users"
	mux.Handle("POST "+admins, s.authenticated(s.handleCreateAdmin))
	mux.Handle("GET "+admins, s.authenticated(s.handleListAdmins))
	mux.Handle("GET "+admins+"/{email}", s.authenticated(s.handleGetAdmin))
	mux.Handle("DELETE "+admins+"/{email}", s.authenticated(s.handleDeleteAdmin))
	mux.Handle("POST "+users, s.authenticated(s.handleCreateUser))
	mux.Handle("GET "+users, s.authenticated(s.handleListUsers))
	mux.Handle("GET "+users+"/{id}", s.authenticated(s.handleGetUser))
	mux.Handle("PUT "+users+"/{id}", s.authenticated(s.handleUpdateUser))
	mux.Handle("DELETE "+users+"/{id}", s.authenticated(s.handleDeleteUser))
	mux.Handle("PUT "+users+"/{id}/add-metadata", s.authenticated(s.handleAddUserMetadata))
	mux.Handle("PUT "+users+"/{id}/remove-metadata", s.authenticated(s.handleRemoveUserMetadata))
}

// peopleParams parses the request parameters, answering 400 when the body
// is malformed.
func peopleParams(w http.ResponseWriter, r *http.Request) (params, bool) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return nil, false
	}
	return p, true
}
