package cryptr

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

const ssoTestMetadata = `<?xml version="1.0"?><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"></EntityDescriptor>`

// ssoSeedOrg creates an organization and returns its domain.
func ssoSeedOrg(e *env, tok, name string) string {
	e.t.Helper()
	r := e.form("POST", "/api/v2/organizations", "name="+url.QueryEscape(name), tok)
	if r.status != 201 {
		e.t.Fatalf("seed org: %d %s", r.status, r.raw)
	}
	return r.body["domain"].(string)
}

func TestSSOConnectionLifecycle(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := ssoSeedOrg(e, tok, "Barker Inc")
	path := "/api/v2/org/" + domain + "/sso-connection"

	if r := e.form("GET", path, "", tok); r.status != 404 || errType(r) != "not_found" {
		t.Fatalf("get before create: %d %s", r.status, r.raw)
	}
	r := e.form("POST", path, "provider_type=saml.okta&number_users_provisioning_limit=99&metadata=ignored", tok)
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	b := r.body
	id := b["id"].(string)
	if b["__type__"] != "SsoConnection" || b["active"] != true || b["provider_type"] != "saml.okta" ||
		b["number_users_provisioning_limit"] != float64(99) || b["users_access_policy"] != "provision_new_users" ||
		!strings.HasPrefix(id, "barker_inc_") || len(id) != len("barker_inc_")+22 {
		t.Fatalf("created = %s", r.raw)
	}
	saml := b["saml_config"].(map[string]any)
	sp := b["sp_id"].(string)
	if saml["entity_id"] != sp || saml["sso_provider_metadata"] != nil ||
		saml["acs_url"] != e.srv.URL+"/enterprise/"+sp+"/saml/acs" || saml["cryptr_metadata_url"] != e.srv.URL+"/enterprise/"+sp+"/saml/metadata" {
		t.Fatalf("saml_config = %v (metadata is not a create field)", saml)
	}
	if org := b["organization"].(map[string]any); org["domain"] != domain || org["__type__"] != "Organization" {
		t.Fatalf("organization = %v", org)
	}
	if r := e.form("POST", path, "", tok); r.status != 409 || errType(r) != "conflict" {
		t.Fatalf("second create: %d %s", r.status, r.raw)
	}

	// Update through the organization path, JSON body.
	r = e.do("PUT", path, "application/json", `{"active":false,"users_access_policy":"only_registered_users","metadata":`+fmt.Sprintf("%q", ssoTestMetadata)+`,"provider_type":"saml.adfs"}`, tok)
	if r.status != 200 || r.body["active"] != false || r.body["users_access_policy"] != "only_registered_users" ||
		r.body["provider_type"] != "saml.okta" || r.body["saml_config"].(map[string]any)["sso_provider_metadata"] != ssoTestMetadata ||
		r.body["number_users_provisioning_limit"] != float64(99) {
		t.Fatalf("update: %d %s", r.status, r.raw)
	}
	// Update by idp id (the reference's sample); empty values clear.
	r = e.form("PUT", "/api/v2/sso-connections/"+id, "number_users_provisioning_limit=&metadata=", tok)
	if r.status != 200 || r.body["number_users_provisioning_limit"] != nil || r.body["saml_config"].(map[string]any)["sso_provider_metadata"] != nil || r.body["active"] != false {
		t.Fatalf("update by id: %d %s", r.status, r.raw)
	}
	if r := e.form("PUT", "/api/v2/sso-connections/nope", "active=true", tok); r.status != 404 {
		t.Fatalf("update unknown id: %d %s", r.status, r.raw)
	}
	if r := e.form("GET", path, "", tok); r.status != 200 || r.body["id"] != id || r.body["active"] != false {
		t.Fatalf("get: %d %s", r.status, r.raw)
	}

	// The connection goes with its organization and does not come back.
	if r := e.form("DELETE", "/api/v2/organizations/"+domain, "", tok); r.status != 200 {
		t.Fatalf("delete org: %d %s", r.status, r.raw)
	}
	if r := e.form("GET", path, "", tok); r.status != 404 {
		t.Fatalf("get after org delete: %d %s", r.status, r.raw)
	}
	ssoSeedOrg(e, tok, "Barker Inc")
	if r := e.form("GET", path, "", tok); r.status != 404 {
		t.Fatalf("get after the domain is reused: %d %s", r.status, r.raw)
	}
	if r := e.form("PUT", "/api/v2/sso-connections/"+id, "active=true", tok); r.status != 404 {
		t.Fatalf("update by id after org delete: %d %s", r.status, r.raw)
	}
	if r := e.form("POST", "/api/v2/org/unknown/sso-connection", "", tok); r.status != 404 {
		t.Fatalf("create for unknown org: %d %s", r.status, r.raw)
	}
}

func TestSSOConnectionValidation(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := ssoSeedOrg(e, tok, "Acme")
	path := "/api/v2/org/" + domain + "/sso-connection"
	for _, tt := range []struct{ body, field string }{
		{"number_users_provisioning_limit=0", "number_users_provisioning_limit"},
		{"number_users_provisioning_limit=many", "number_users_provisioning_limit"},
		{"users_access_policy=everyone", "users_access_policy"},
		{"provider_type=Okta", "provider_type"},
		{"active=maybe", "active"},
	} {
		if r := e.form("POST", path, tt.body, tok); r.status != 422 || len(details(r, tt.field)) == 0 {
			t.Errorf("create %s: %d %s", tt.body, r.status, r.raw)
		}
	}
	if r := e.form("POST", path, "", tok); r.status != 201 || r.body["provider_type"] != "unset" || r.body["number_users_provisioning_limit"] != nil {
		t.Fatalf("create with defaults: %d %s", r.status, r.raw)
	}
	for _, bad := range []string{"<a>", "<a></a><b></b>", "text", "<a></b>", "x<a/>"} {
		if r := e.form("PUT", path, "metadata="+url.QueryEscape(bad), tok); r.status != 422 || len(details(r, "metadata")) == 0 {
			t.Errorf("metadata %q: %d %s", bad, r.status, r.raw)
		}
	}
	if r := e.form("PUT", path, "users_access_policy=nope&active=false", tok); r.status != 422 {
		t.Fatalf("bad update: %d %s", r.status, r.raw)
	}
	if r := e.form("GET", path, "", tok); r.body["active"] != true {
		t.Fatalf("a refused update changed the connection: %s", r.raw)
	}
}

func TestSSOConnectionListIsGlobalAndPaginated(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	var want []string
	for i := range 5 {
		domain := ssoSeedOrg(e, tok, fmt.Sprintf("Org %d", i))
		if r := e.form("POST", "/api/v2/org/"+domain+"/sso-connection", "", tok); r.status != 201 {
			t.Fatalf("create: %d %s", r.status, r.raw)
		}
		want = append([]string{domain}, want...) // newest first
	}
	ssoSeedOrg(e, tok, "No Connection")
	var got []string
	for page := 1; page <= 3; page++ {
		r := e.form("GET", fmt.Sprintf("/api/v2/sso-connections?page=%d&per_page=2", page), "", tok)
		if r.status != 200 || r.body["__type__"] != "List" || r.body["total"] != float64(5) {
			t.Fatalf("list page %d: %d %s", page, r.status, r.raw)
		}
		for _, item := range r.body["data"].([]any) {
			got = append(got, item.(map[string]any)["organization"].(map[string]any)["domain"].(string))
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
}
