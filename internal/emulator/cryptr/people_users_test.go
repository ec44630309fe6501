package cryptr

import (
	"fmt"
	"net/url"
	"testing"
)

// peopleSDKUserForm is a create body as the Kotlin SDK encodes it.
const peopleSDKUserForm = "__type__=User&email=lyla%40loirama.co&phone_number=%2B33123456789&email_verified=false&" +
	"profile[__type__]=Profile&profile[given_name]=Lyla&profile[family_name]=Bloggs&profile[gender]=female&" +
	"profile[birthdate]=1992-03-10&address[locality]=Lille&address[country]=FR&&meta_data="

func (e *env) peopleUser(tok, domain, body string) map[string]any {
	e.t.Helper()
	r := e.form("POST", "/api/v2/org/"+domain+"/users", body, tok)
	if r.status != 201 {
		e.t.Fatalf("create user: %d %s", r.status, r.raw)
	}
	return r.body
}

func peopleField(obj any, key string) any {
	m, _ := obj.(map[string]any)
	return m[key]
}

func TestUserCreateShape(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := e.peopleOrg(tok, "Loirama")
	u := e.peopleUser(tok, domain, peopleSDKUserForm)
	if u["__domain__"] != domain || u["__environment__"] != "sandbox" || u["__type__"] != "User" || u["active"] != true ||
		u["email"] != "lyla@loirama.co" || u["phone_number"] != "+33123456789" || u["email_verified"] != false ||
		u["phone_number_verified"] != false || fmt.Sprint(u["identities"], u["phone_numbers"], u["meta_data"]) != "[] [] []" {
		t.Errorf("created = %v", u)
	}
	profile := u["profile"].(map[string]any)
	if len(profile) != len(userProfileFields) || profile["given_name"] != "Lyla" || profile["gender"] != "female" ||
		profile["birthdate"] != "1992-03-10" || profile["nickname"] != nil {
		t.Errorf("profile = %v", profile)
	}
	address := u["address"].(map[string]any)
	if len(address) != len(userAddressFields) || address["locality"] != "Lille" || address["country"] != "FR" || address["region"] != nil {
		t.Errorf("address = %v", address)
	}
	// Email only: address and phone number are null, profile has every key.
	bare := e.peopleUser(tok, domain, "email=bare%40loirama.co")
	if bare["address"] != nil || bare["phone_number"] != nil || len(bare["profile"].(map[string]any)) != len(userProfileFields) {
		t.Errorf("bare user = %v", bare)
	}
}

func TestUserEncodings(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := e.peopleOrg(tok, "Loirama")
	path := "/api/v2/org/" + domain + "/users"
	// JSON objects nest like the form.
	r := e.do("POST", path, "application/json",
		`{"email":"j@loirama.co","profile":{"given_name":"Jo","locale":"fr"},"address":{"country":"FR"}}`, tok)
	if r.status != 201 || peopleField(r.body["profile"], "given_name") != "Jo" || peopleField(r.body["address"], "country") != "FR" {
		t.Errorf("json: %d %s", r.status, r.raw)
	}
	// The reference's create sample: everything under profile[...], multipart.
	ct, body := multipartBody(t, map[string]string{
		"profile[email]": "k@loirama.co", "profile[phone_number]": "+33123456789",
		"profile[given_name]": "Karim", "profile[address][locality]": "Lille",
	})
	r = e.do("POST", path, ct, body, tok)
	if r.status != 201 || r.body["email"] != "k@loirama.co" || r.body["phone_number"] != "+33123456789" ||
		peopleField(r.body["profile"], "given_name") != "Karim" || peopleField(r.body["address"], "locality") != "Lille" {
		t.Errorf("create sample nesting: %d %s", r.status, r.raw)
	}
	// A top-level profile field is an unknown key: ignored.
	r = e.form("POST", path, "email=t%40loirama.co&given_name=Top", tok)
	if r.status != 201 || peopleField(r.body["profile"], "given_name") != nil {
		t.Errorf("top-level given_name: %d %s", r.status, r.raw)
	}
}

func TestUserWrongNestingFails(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := e.peopleOrg(tok, "Loirama")
	for body, field := range map[string]string{
		"email=a%40b.co&profile[country]=FR":           "profile",
		"email=a%40b.co&address[given_name]=Lyla":      "address",
		"email=a%40b.co&profile[address][gender]=x":    "profile",
		"email=a%40b.co&profile=Lyla":                  "profile",
		"email=a%40b.co&address[locality][city]=Lille": "address",
	} {
		r := e.form("POST", "/api/v2/org/"+domain+"/users", body, tok)
		if r.status != 422 || len(details(r, field)) != 1 {
			t.Errorf("%s: %d %s, want 422 details.%s", body, r.status, r.raw, field)
		}
	}
}

func TestUserValidation(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := e.peopleOrg(tok, "Loirama")
	e.peopleUser(tok, domain, "email=taken%40loirama.co")
	for body, field := range map[string]string{
		"phone_number=%2B33123456789":                       "email",
		"email=nope":                                        "email",
		"email=TAKEN%40loirama.co":                          "email",
		"email=a%40b.co&phone_number=%2B33+1+23+45+67+89":   "phone_number",
		"email=a%40b.co&phone_number=0123456789":            "phone_number",
		"email=a%40b.co&profile[gender]=other":              "profile.gender",
		"email=a%40b.co&profile[birthdate]=10%2F03%2F1992":  "profile.birthdate",
		"email=a%40b.co&profile[picture]=avatar.jpeg":       "profile.picture",
		"email=a%40b.co&profile[website]=ftp%3A%2F%2Fx.com": "profile.website",
	} {
		r := e.form("POST", "/api/v2/org/"+domain+"/users", body, tok)
		if r.status != 422 || len(details(r, field)) != 1 {
			t.Errorf("%s: %d %s, want 422 details.%s", body, r.status, r.raw, field)
		}
	}
}

func TestUserUpdate(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := e.peopleOrg(tok, "Loirama")
	u := e.peopleUser(tok, domain, peopleSDKUserForm)
	e.peopleUser(tok, domain, "email=other%40loirama.co")
	path := "/api/v2/org/" + domain + "/users/" + u["id"].(string)

	// Only present keys change; empty values clear.
	r := e.form("PUT", path, "email=lyla.b%40loirama.co&profile[given_name]=Lyla+B&profile[gender]=&address[locality]=&address[country]=&phone_number=", tok)
	if r.status != 200 || r.body["email"] != "lyla.b@loirama.co" || r.body["phone_number"] != nil || r.body["address"] != nil ||
		peopleField(r.body["profile"], "given_name") != "Lyla B" || peopleField(r.body["profile"], "gender") != nil ||
		peopleField(r.body["profile"], "family_name") != "Bloggs" || r.body["id"] != u["id"] || r.body["inserted_at"] != u["inserted_at"] {
		t.Errorf("update: %d %s", r.status, r.raw)
	}
	for body, field := range map[string]string{
		"profile[given_name]=NoEmail": "email", "email=other%40loirama.co": "email", "email=x%40y.co&address[nope]=1": "address",
	} {
		if r := e.form("PUT", path, body, tok); r.status != 422 || len(details(r, field)) != 1 {
			t.Errorf("%s: %d %s", body, r.status, r.raw)
		}
	}
	// A failed update changes nothing.
	if r := e.do("GET", path, "", "", tok); peopleField(r.body["profile"], "given_name") != "Lyla B" {
		t.Errorf("after failed updates: %s", r.raw)
	}
	if r := e.form("PUT", "/api/v2/org/"+domain+"/users/no-such-id", "email=a%40b.co", tok); r.status != 404 {
		t.Errorf("update unknown: %d %s", r.status, r.raw)
	}
}

func TestUserRetrieveEnvironmentsAndDelete(t *testing.T) {
	e := start(t, Options{}, nil)
	tok, prod := e.token(), e.peopleProdToken()
	domain := e.peopleOrg(tok, "Loirama")
	u := e.peopleUser(tok, domain, peopleSDKUserForm)
	base := "/api/v2/org/" + domain + "/users/"
	for _, key := range []string{u["id"].(string), "Lyla%40Loirama.co"} {
		if r := e.do("GET", base+key, "", "", tok); r.status != 200 || r.body["id"] != u["id"] {
			t.Errorf("get %s: %d %s", key, r.status, r.raw)
		}
	}
	// Users live in the sandbox environment: the production key does not see them.
	if r := e.do("GET", base+u["id"].(string), "", "", prod); r.status != 404 {
		t.Errorf("production get: %d %s", r.status, r.raw)
	}
	p := e.peopleUser(prod, domain, "email=lyla%40loirama.co") // same email, other environment
	if p["__environment__"] != "production" {
		t.Errorf("production user = %v", p)
	}
	for tk, want := range map[string]string{tok: u["id"].(string), prod: p["id"].(string)} {
		r := e.do("GET", "/api/v2/org/"+domain+"/users", "", "", tk)
		if r.body["total"] != float64(1) || peopleField(r.body["data"].([]any)[0], "id") != want {
			t.Errorf("list: %s", r.raw)
		}
	}
	// DELETE by email is not a thing: ids only.
	if r := e.do("DELETE", base+"lyla%40loirama.co", "", "", tok); r.status != 404 {
		t.Errorf("delete by email: %d %s", r.status, r.raw)
	}
	r := e.do("DELETE", base+u["id"].(string), "", "", tok)
	if r.status != 200 || r.body["deleted"] != true || peopleField(r.body["resource"], "id") != u["id"] {
		t.Fatalf("delete: %d %s", r.status, r.raw)
	}
	for _, m := range []string{"GET", "DELETE"} {
		if r := e.do(m, base+u["id"].(string), "", "", tok); r.status != 404 {
			t.Errorf("%s after delete: %d %s", m, r.status, r.raw)
		}
	}
}

func TestUserListNewestFirst(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := e.peopleOrg(tok, "Loirama")
	for i := range 5 {
		e.peopleUser(tok, domain, url.Values{"email": {fmt.Sprintf("u%d@loirama.co", i)}}.Encode())
	}
	r := e.do("GET", "/api/v2/org/"+domain+"/users?current_page=3&per_page=2", "", "", tok)
	data := r.body["data"].([]any)
	if r.body["total"] != float64(5) || len(data) != 1 || peopleField(data[0], "email") != "u0@loirama.co" {
		t.Errorf("page 3: %s", r.raw)
	}
	r = e.do("GET", "/api/v2/org/"+domain+"/users?page=1&per_page=2", "", "", tok)
	if peopleField(r.body["data"].([]any)[0], "email") != "u4@loirama.co" || peopleField(r.body["pagination"], "next_page") != float64(2) {
		t.Errorf("page 1: %s", r.raw)
	}
}
