package cryptr

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/seedjson"
)

// admin checks and builds one invited administrator. Required: email
// (unique in the organization, case-insensitively). Defaults: a new id,
// inserted_at now.
func (sd *seeding) admin(so *seedOrg, in AdminState, n seedjson.Node, emails map[string]string) {
	n = n.Labeled(in.Email)
	switch msg := peopleEmailProblem(in.Email); {
	case in.Email == "":
		sd.fail(n, "email", "required")
	case msg != "":
		sd.fail(n, "email", "%s", msg)
	default:
		sd.claim(emails, lowerKey(in.Email), n, "email", in.Email)
	}
	so.admins = append(so.admins, &admin{
		id: cmp.Or(in.ID, emuid.UUID()), email: in.Email, createdAt: sd.time(n, "inserted_at", in.InsertedAt, sd.now),
	})
}

// user checks and builds one end user. Required: email (unique in the
// organization's environment, case-insensitively). Defaults: environment
// sandbox, a new id, times now. Profile and address hold the fields the
// API knows, each non-empty; metadata keys are unique.
func (sd *seeding) user(so *seedOrg, in UserState, n seedjson.Node, emails map[string]string) {
	n = n.Labeled(in.Email)
	u := &user{
		env: sd.env(n, in.Environment), id: cmp.Or(in.ID, emuid.UUID()), email: in.Email, phone: in.PhoneNumber,
		profile: map[string]string{}, address: map[string]string{},
	}
	sd.claim(sd.userIDs, u.id, n, "id", u.id)
	check := userInput{email: &u.email, phone: &u.phone, profile: map[string]*string{}, address: map[string]*string{}}
	sd.userFields(n, "profile", in.Profile, userProfileFields, u.profile, check.profile)
	sd.userFields(n, "address", in.Address, userAddressFields, u.address, check.address)
	if in.Email == "" {
		sd.fail(n, "email", "required")
		check.email = nil
	}
	validateUserInput(check, func(field, msg string) { sd.fail(n, field, "%s", msg) })
	if in.Email != "" && peopleEmailProblem(in.Email) == "" {
		sd.claim(emails, lowerKey(u.env, in.Email), n, "email", in.Email)
	}
	for i, m := range in.Metadata {
		field := "metadata[" + strconv.Itoa(i) + "]"
		switch {
		case !userMetaKeyPattern.MatchString(m.Key):
			sd.fail(n, field+".key", "must match %s", userMetaKeyPattern)
		case m.Value == "":
			sd.fail(n, field+".value", "required")
		case slices.ContainsFunc(u.metadata, func(x userMeta) bool { return x.key == m.Key }):
			sd.fail(n, field+".key", "%q is listed twice", m.Key)
		}
		u.metadata = append(u.metadata, userMeta{id: emuid.UUID(), key: m.Key, value: m.Value})
	}
	u.createdAt = sd.time(n, "inserted_at", in.InsertedAt, sd.now)
	u.updatedAt = sd.time(n, "updated_at", in.UpdatedAt, u.createdAt)
	so.users = append(so.users, u)
}

// userFields copies the known, non-empty fields of a user's profile or
// address into dst (and into check, for validateUserInput).
func (sd *seeding) userFields(n seedjson.Node, group string, in map[string]string, known []string, dst map[string]string, check map[string]*string) {
	for _, k := range slices.Sorted(maps.Keys(in)) {
		v := in[k]
		switch {
		case !slices.Contains(known, k):
			sd.fail(n, group+"."+k, "unknown field (known: %s)", strings.Join(known, ", "))
		case v == "":
			sd.fail(n, group+"."+k, "must not be empty (leave the field out)")
		default:
			dst[k], check[k] = v, &v
		}
	}
}
