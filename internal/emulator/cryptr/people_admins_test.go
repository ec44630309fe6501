package cryptr

import (
	"net/url"
	"testing"
)

// peopleProdToken obtains a production token.
func (e *env) peopleProdToken() string {
	e.t.Helper()
	v := url.Values{"client_id": {productionClientID}, "client_secret": {productionClientSecret},
		"grant_type": {"client_credentials"}, "tenant_domain": {accountDomain}}
	r := e.form("POST", "/api/v2/oauth/token", v.Encode(), "")
	if r.status != 200 {
		e.t.Fatalf("token: %d %s", r.status, r.raw)
	}
	return r.body["access_token"].(string)
}

// peopleOrg creates an organization named name and returns its domain.
func (e *env) peopleOrg(tok, name string) string {
	e.t.Helper()
	r := e.form("POST", "/api/v2/organizations", url.Values{"name": {name}}.Encode(), tok)
	if r.status != 201 {
		e.t.Fatalf("create organization: %d %s", r.status, r.raw)
	}
	return r.body["domain"].(string)
}

func TestAdminLifecycle(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := e.peopleOrg(tok, "Barker Inc")
	base := "/api/v2/org/" + domain + "/admins"

	r := e.form("POST", base, "email=IT_sso_person%40sso.client.com", tok)
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	b := r.body
	if b["email"] != "IT_sso_person@sso.client.com" || b["color"] != "red-500" || b["id"] == "" ||
		b["invited_at"] != b["inserted_at"] || b["updated_at"] != b["inserted_at"] ||
		b["accepted_invitation_at"] != nil || b["declined_to_be_in_charge_at"] != nil || b["last_login_at"] != nil {
		t.Errorf("created = %s", r.raw)
	}
	if org, _ := b["organization"].(map[string]any); org["domain"] != domain || org["__type__"] != "Organization" {
		t.Errorf("organization = %v", b["organization"])
	}
	for _, keyName := range []string{"accepted_invitation_at", "declined_to_be_in_charge_at", "last_login_at"} {
		if _, ok := b[keyName]; !ok {
			t.Errorf("%s missing (must be present as null)", keyName)
		}
	}

	// Retrieve by email: case-insensitive, URL-escaped, seen by the production key too.
	for _, tk := range []string{tok, e.peopleProdToken()} {
		if r := e.do("GET", base+"/it_sso_person%40SSO.client.com", "", "", tk); r.status != 200 || r.body["id"] != b["id"] {
			t.Errorf("get: %d %s", r.status, r.raw)
		}
	}

	for name, body := range map[string]string{
		"duplicate": "email=it_sso_person%40sso.client.com", "malformed": "email=not-an-email", "missing": "",
	} {
		r := e.form("POST", base, body, tok)
		if r.status != 422 || len(details(r, "email")) != 1 {
			t.Errorf("%s: %d %s", name, r.status, r.raw)
		}
	}

	r = e.do("DELETE", base+"/it_sso_person@sso.client.com", "", "", tok)
	if res, _ := r.body["resource"].(map[string]any); r.status != 200 || r.body["deleted"] != true || res["id"] != b["id"] {
		t.Fatalf("delete: %d %s", r.status, r.raw)
	}
	for _, m := range []string{"GET", "DELETE"} {
		if r := e.do(m, base+"/it_sso_person@sso.client.com", "", "", tok); r.status != 404 || errType(r) != "not_found" {
			t.Errorf("%s after delete: %d %s", m, r.status, r.raw)
		}
	}
	// The email is free again.
	if r := e.form("POST", base, "email=it_sso_person%40sso.client.com", tok); r.status != 201 {
		t.Errorf("re-invite: %d %s", r.status, r.raw)
	}
}

func TestAdminsUnknownOrganization(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	for _, c := range []struct{ method, path, body string }{
		{"POST", "/api/v2/org/nope/admins", "email=a%40b.co"},
		{"GET", "/api/v2/org/nope/admins", ""},
		{"GET", "/api/v2/org/nope/admins/a@b.co", ""},
		{"DELETE", "/api/v2/org/nope/admins/a@b.co", ""},
	} {
		if r := e.form(c.method, c.path, c.body, tok); r.status != 404 {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.status, r.raw)
		}
	}
	// A deleted organization takes its admins with it, even if the name comes back.
	domain := e.peopleOrg(tok, "Gone")
	e.form("POST", "/api/v2/org/"+domain+"/admins", "email=a%40gone.co", tok)
	e.do("DELETE", "/api/v2/organizations/"+domain, "", "", tok)
	if r := e.do("GET", "/api/v2/org/"+domain+"/admins/a@gone.co", "", "", tok); r.status != 404 {
		t.Errorf("admin of a deleted organization: %d %s", r.status, r.raw)
	}
	e.peopleOrg(tok, "Gone")
	if r := e.do("GET", "/api/v2/org/"+domain+"/admins", "", "", tok); r.status != 200 || r.body["total"] != float64(0) {
		t.Errorf("admins of the re-created organization: %d %s", r.status, r.raw)
	}
}

func TestAdminListNewestFirst(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := e.peopleOrg(tok, "Shark Academy")
	other := e.peopleOrg(tok, "Other")
	e.form("POST", "/api/v2/org/"+other+"/admins", "email=x%40other.co", tok)
	for _, email := range []string{"a@shark.co", "b@shark.co", "c@shark.co"} {
		if r := e.form("POST", "/api/v2/org/"+domain+"/admins", url.Values{"email": {email}}.Encode(), tok); r.status != 201 {
			t.Fatalf("create %s: %d %s", email, r.status, r.raw)
		}
	}
	var got []any
	for page := 1; page <= 2; page++ {
		r := e.do("GET", "/api/v2/org/"+domain+"/admins?per_page=2&page="+string(rune('0'+page)), "", "", tok)
		if r.status != 200 || r.body["__type__"] != "List" || r.body["total"] != float64(3) {
			t.Fatalf("list page %d: %d %s", page, r.status, r.raw)
		}
		for _, a := range r.body["data"].([]any) {
			got = append(got, a.(map[string]any)["email"])
		}
	}
	if len(got) != 3 || got[0] != "c@shark.co" || got[2] != "a@shark.co" {
		t.Errorf("emails = %v, want newest first", got)
	}
}
