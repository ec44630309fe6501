package cryptr

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// user is an end user of an organization, in one environment.
type user struct {
	orgSeq               int64
	env, id, email       string
	phone                string
	profile, address     map[string]string // set fields only
	metadata             []userMeta
	createdAt, updatedAt time.Time
}

// userMeta is one metadata value of a user.
type userMeta struct{ id, key, value string }

// userJSON is the User wire object (field order as in the reference).
type userJSON struct {
	Domain              string             `json:"__domain__"`
	Environment         string             `json:"__environment__"`
	Type                string             `json:"__type__"`
	Active              bool               `json:"active"`
	Address             map[string]*string `json:"address"`
	Email               string             `json:"email"`
	EmailVerified       bool               `json:"email_verified"`
	ID                  string             `json:"id"`
	Identities          []any              `json:"identities"`
	InsertedAt          string             `json:"inserted_at"`
	MetaData            []userMetaJSON     `json:"meta_data"`
	PhoneNumber         *string            `json:"phone_number"`
	PhoneNumberVerified bool               `json:"phone_number_verified"`
	PhoneNumbers        []any              `json:"phone_numbers"`
	Profile             map[string]*string `json:"profile"`
	UpdatedAt           string             `json:"updated_at"`
}

type userMetaJSON struct {
	ID    string      `json:"id"`
	Key   metaKeyJSON `json:"key"`
	Value string      `json:"value"`
}

type metaKeyJSON struct {
	Name     string `json:"name"`
	Required bool   `json:"required"`
	Type     string `json:"type"`
}

// userFieldsJSON renders every field, null when unset.
func userFieldsJSON(fields []string, set map[string]string) map[string]*string {
	out := make(map[string]*string, len(fields))
	for _, f := range fields {
		if v, ok := set[f]; ok {
			out[f] = &v
		} else {
			out[f] = nil
		}
	}
	return out
}

func (u *user) toJSON(domain string) userJSON {
	j := userJSON{
		Domain: domain, Environment: u.env, Type: "User", Active: true,
		Email: u.email, ID: u.id, Identities: []any{}, PhoneNumbers: []any{},
		InsertedAt: u.createdAt.UTC().Format(timeLayout), UpdatedAt: u.updatedAt.UTC().Format(timeLayout),
		Profile: userFieldsJSON(userProfileFields, u.profile), MetaData: []userMetaJSON{},
	}
	if len(u.address) > 0 {
		j.Address = userFieldsJSON(userAddressFields, u.address)
	}
	if u.phone != "" {
		phone := u.phone
		j.PhoneNumber = &phone
	}
	for _, m := range u.metadata {
		j.MetaData = append(j.MetaData, userMetaJSON{ID: m.id, Key: metaKeyJSON{Name: m.key, Type: "string"}, Value: m.value})
	}
	return j
}

// apply copies the present fields of in; empty values clear.
func (u *user) apply(in userInput) {
	if in.email != nil {
		u.email = *in.email
	}
	if in.phone != nil {
		u.phone = *in.phone
	}
	for dst, src := range map[*map[string]string]map[string]*string{&u.profile: in.profile, &u.address: in.address} {
		for k, v := range src {
			if *v == "" {
				delete(*dst, k)
			} else {
				(*dst)[k] = *v
			}
		}
	}
}

// findUser returns the index of the user of o in env whose id (or, when
// byEmail, email) is key, or -1. The caller holds s.mu.
func (s *Service) findUser(o *organization, env, key string, byEmail bool) int {
	match := func(u *user) bool { return u.orgSeq == o.seq && u.env == env }
	if i := slices.IndexFunc(s.people.users, func(u *user) bool { return match(u) && u.id == key }); i >= 0 || !byEmail {
		return i
	}
	return slices.IndexFunc(s.people.users, func(u *user) bool { return match(u) && strings.EqualFold(u.email, key) })
}

// liveUser returns the organization and the user named by the request's
// {id}, or answers 404. The caller holds s.mu.
func (s *Service) liveUser(w http.ResponseWriter, r *http.Request, byEmail bool) (*organization, *user) {
	o := s.liveOrg(w, r)
	if o == nil {
		return nil, nil
	}
	i := s.findUser(o, apiEnv(r), r.PathValue("id"), byEmail)
	if i < 0 {
		writeNotFound(w, "user")
		return nil, nil
	}
	return o, s.people.users[i]
}

// emailTaken reports whether another user of o in env has email.
func (s *Service) emailTaken(o *organization, env, email string, self *user) bool {
	i := s.findUser(o, env, email, true)
	return i >= 0 && s.people.users[i] != self && strings.EqualFold(s.people.users[i].email, email)
}

// handleCreateUser serves POST /api/v2/org/{domain}/users.
func (s *Service) handleCreateUser(w http.ResponseWriter, r *http.Request) {
	s.writeUser(w, r, true)
}

// handleUpdateUser serves PUT /api/v2/org/{domain}/users/{id}.
func (s *Service) handleUpdateUser(w http.ResponseWriter, r *http.Request) {
	s.writeUser(w, r, false)
}

// writeUser creates (create) or updates a user from the request body.
func (s *Service) writeUser(w http.ResponseWriter, r *http.Request, create bool) {
	p, ok := peopleParams(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var o *organization
	u := &user{env: apiEnv(r), profile: map[string]string{}, address: map[string]string{}}
	if create {
		o = s.liveOrg(w, r)
	} else {
		o, u = s.liveUser(w, r, false)
	}
	if o == nil {
		return
	}
	in, details := readUserInput(p)
	if in.email == nil { // required on update too, as the reference says
		if details == nil {
			details = map[string][]string{}
		}
		details["email"] = append(details["email"], "can't be blank")
	}
	if details != nil {
		writeValidation(w, details)
		return
	}
	if s.emailTaken(o, u.env, *in.email, u) {
		writeValidation(w, map[string][]string{"email": {"has already been taken"}})
		return
	}
	u.apply(in)
	u.updatedAt = s.now()
	status := http.StatusOK
	if create {
		u.orgSeq, u.id, u.createdAt, status = o.seq, emuid.UUID(), u.updatedAt, http.StatusCreated
		s.people.users = append(s.people.users, u)
	}
	httpjson.Write(w, status, u.toJSON(o.domain))
}

// handleGetUser serves GET /api/v2/org/{domain}/users/{email_or_id}.
func (s *Service) handleGetUser(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, u := s.liveUser(w, r, true); u != nil {
		httpjson.Write(w, http.StatusOK, u.toJSON(o.domain))
	}
}

// handleDeleteUser serves DELETE /api/v2/org/{domain}/users/{id}.
func (s *Service) handleDeleteUser(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, u := s.liveUser(w, r, false)
	if u == nil {
		return
	}
	s.people.users = slices.DeleteFunc(s.people.users, func(x *user) bool { return x == u })
	httpjson.Write(w, http.StatusOK, map[string]any{"deleted": true, "resource": u.toJSON(o.domain)})
}

// handleListUsers serves GET /api/v2/org/{domain}/users: the users of the
// caller's environment, newest first.
func (s *Service) handleListUsers(w http.ResponseWriter, r *http.Request) {
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
	env, data := apiEnv(r), []userJSON{}
	for _, u := range slices.Backward(s.people.users) {
		if u.orgSeq == o.seq && u.env == env {
			data = append(data, u.toJSON(o.domain))
		}
	}
	s.mu.Unlock()
	writePage(w, page, perPage, data)
}
