package cryptr

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// userProfileFields and userAddressFields are the documented fields of the
// Profile and Address types.
var (
	userProfileFields = []string{"birthdate", "family_name", "gender", "given_name", "locale", "nickname",
		"picture", "preferred_username", "website", "zoneinfo"}
	userAddressFields = []string{"country", "formatted", "locality", "postal_code", "region", "street_address"}
)

// userPhonePattern is an E.164 phone number.
var userPhonePattern = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

// userInput is a parsed create/update body. A nil pointer means absent; a
// pointer to "" means "clear". profile and address hold present keys only.
type userInput struct {
	email, phone     *string
	profile, address map[string]*string
}

// readUserInput parses and validates a user body; it returns 422 details
// when something is wrong.
func readUserInput(p params) (userInput, map[string][]string) {
	in := userInput{profile: map[string]*string{}, address: map[string]*string{}}
	details := map[string][]string{}
	add := func(field, msg string) { details[field] = append(details[field], msg) }
	nested := map[string][]string{} // "profile[address][country]" → [profile address country]
	for key := range p {
		if parts, ok := userKeyPath(key); ok {
			nested[key] = parts
		}
	}
	// Sorted so that duplicates resolve the same way every time.
	keys := make([]string, 0, len(nested))
	for k := range nested {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	topAddress := map[string]bool{}
	for _, key := range keys {
		parts, value := nested[key], userValue(p, key)
		switch {
		case len(parts) == 1: // profile=x or address=x
			add(parts[0], "must be an object")
		case strings.HasPrefix(parts[len(parts)-1], "__"):
		case parts[0] == "address" && len(parts) == 2 && slices.Contains(userAddressFields, parts[1]):
			in.address[parts[1]], topAddress[parts[1]] = value, true
		case parts[0] == "profile" && len(parts) == 2 && slices.Contains(userProfileFields, parts[1]):
			in.profile[parts[1]] = value
		case parts[0] == "profile" && len(parts) == 2 && (parts[1] == "email" || parts[1] == "phone_number"):
			// Read below, after the top-level keys.
		case parts[0] == "profile" && len(parts) == 3 && parts[1] == "address" && slices.Contains(userAddressFields, parts[2]):
			if !topAddress[parts[2]] {
				in.address[parts[2]] = value
			}
		default:
			add(parts[0], fmt.Sprintf("unknown field %q", strings.Join(parts[1:], "][")))
		}
	}
	if v, ok := p.first("email", "profile[email]"); ok {
		in.email = &v
	}
	if v, ok := p.first("phone_number", "profile[phone_number]"); ok {
		in.phone = &v
	}
	validateUserInput(in, add)
	if len(details) > 0 {
		return in, details
	}
	return in, nil
}

// userKeyPath splits "profile[address][country]" into its parts, for keys
// under profile or address.
func userKeyPath(key string) ([]string, bool) {
	for _, root := range []string{"profile", "address"} {
		if key == root {
			return []string{root}, true
		}
		if rest, ok := strings.CutPrefix(key, root+"["); ok && strings.HasSuffix(rest, "]") {
			return append([]string{root}, strings.Split(strings.TrimSuffix(rest, "]"), "][")...), true
		}
	}
	return nil, false
}

// userValue is the last value of key (a pointer to "" when it has none).
func userValue(p params, key string) *string {
	v, _ := p.str(key)
	return &v
}

// validateUserInput checks the present, non-empty values.
func validateUserInput(in userInput, add func(field, msg string)) {
	if in.email != nil {
		if msg := peopleEmailProblem(*in.email); msg != "" {
			add("email", msg)
		}
	}
	if in.phone != nil && *in.phone != "" && !userPhonePattern.MatchString(*in.phone) {
		add("phone_number", "must be in E.164 format, such as +33123456789")
	}
	check := func(field string, ok func(string) bool, msg string) {
		if v := in.profile[field]; v != nil && *v != "" && !ok(*v) {
			add("profile."+field, msg)
		}
	}
	check("gender", func(v string) bool { return v == "male" || v == "female" }, "must be male or female")
	check("birthdate", func(v string) bool { _, err := time.Parse("2006-01-02", v); return err == nil }, "must be a date in YYYY-MM-DD format")
	for _, f := range []string{"picture", "website"} {
		check(f, userHTTPURL, "must be an absolute http(s) URL")
	}
}

func userHTTPURL(v string) bool {
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
