package cryptr

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// connProdToken obtains a production token.
func (e *env) connProdToken() string {
	e.t.Helper()
	v := url.Values{"client_id": {productionClientID}, "client_secret": {productionClientSecret},
		"grant_type": {"client_credentials"}, "tenant_domain": {accountDomain}}
	r := e.form("POST", "/api/v2/oauth/token", v.Encode(), "")
	if r.status != 200 {
		e.t.Fatalf("production token: %d %s", r.status, r.raw)
	}
	return r.body["access_token"].(string)
}

// connOrg creates an organization named name and returns its domain.
func (e *env) connOrg(tok, name string) string {
	e.t.Helper()
	r := e.form("POST", "/api/v2/organizations", "name="+url.QueryEscape(name), tok)
	if r.status != 201 {
		e.t.Fatalf("create organization: %d %s", r.status, r.raw)
	}
	return r.body["domain"].(string)
}

func dirSyncTokenOf(r response) (value, hint string) {
	tok, _ := r.body["auth_secret_token"].(map[string]any)
	value, _ = tok["value"].(string)
	hint, _ = tok["hint"].(string)
	return value, hint
}

func TestDirectorySyncLifecycle(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	d := e.connOrg(tok, "Barker Inc")
	path := "/api/v2/org/" + d + "/directory-sync"

	if r := e.do("GET", path, "", "", tok); r.status != 404 || errType(r) != "not_found" {
		t.Fatalf("get before create: %d %s", r.status, r.raw)
	}
	r := e.do("POST", path, "", "", tok)
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	b := r.body
	if b["__type__"] != "DirectorySync" || b["__domain__"] != d || b["__environment__"] != "sandbox" ||
		b["active"] != true || b["provider_type"] != nil || !connIsUUID(b["id"].(string)) {
		t.Errorf("created = %s", r.raw)
	}
	first, hint := dirSyncTokenOf(r)
	if !regexp.MustCompile(`^barker-inc\.sandbox\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{96}$`).MatchString(first) || !strings.Contains(hint, "save") {
		t.Errorf("token = %q, hint = %q", first, hint)
	}

	r = e.do("GET", path, "", "", tok)
	if v, _ := dirSyncTokenOf(r); r.status != 200 || v != "hidden" || r.body["id"] != b["id"] {
		t.Errorf("get: %d %s", r.status, r.raw)
	}
	if r := e.do("POST", path, "", "", tok); r.status != 409 || errType(r) != "conflict" {
		t.Errorf("second create: %d %s", r.status, r.raw)
	}

	r = e.form("PUT", path, "active=false", tok)
	if v, _ := dirSyncTokenOf(r); r.status != 200 || r.body["active"] != false || v != "hidden" {
		t.Errorf("deactivate: %d %s", r.status, r.raw)
	}
	if r := e.form("PUT", path, "", tok); r.status != 422 || len(details(r, "active")) == 0 {
		t.Errorf("update without active: %d %s", r.status, r.raw)
	}
	if r := e.form("PUT", path, "active=maybe", tok); r.status != 422 || len(details(r, "active")) == 0 {
		t.Errorf("update with a bad active: %d %s", r.status, r.raw)
	}
	// A deactivated directory sync still exists: create still conflicts.
	if r := e.do("POST", path, "", "", tok); r.status != 409 {
		t.Errorf("create over a deactivated one: %d %s", r.status, r.raw)
	}

	r = e.do("POST", path+"/reset-token", "", "", tok)
	second, _ := dirSyncTokenOf(r)
	if r.status != 200 || second == first || !strings.HasPrefix(second, "barker-inc.sandbox.") || r.body["active"] != false {
		t.Errorf("reset: %d %s", r.status, r.raw)
	}
	if r := e.do("GET", path, "", "", tok); r.body["active"] != false {
		t.Errorf("get after reset: %s", r.raw)
	}
}

func TestDirectorySyncPerEnvironment(t *testing.T) {
	e := start(t, Options{}, nil)
	sandbox, prod := e.token(), e.connProdToken()
	d := e.connOrg(sandbox, "Misapret")
	path := "/api/v2/org/" + d + "/directory-sync"
	if r := e.do("POST", path, "", "", sandbox); r.status != 201 {
		t.Fatalf("sandbox create: %d %s", r.status, r.raw)
	}
	if r := e.do("GET", path, "", "", prod); r.status != 404 {
		t.Errorf("production sees the sandbox one: %d %s", r.status, r.raw)
	}
	r := e.do("POST", path, "", "", prod)
	if v, _ := dirSyncTokenOf(r); r.status != 201 || r.body["__environment__"] != "production" || !strings.HasPrefix(v, d+".production.") {
		t.Errorf("production create: %d %s", r.status, r.raw)
	}
	e.form("PUT", path, "active=false", prod)
	if r := e.do("GET", path, "", "", sandbox); r.body["active"] != true {
		t.Errorf("deactivating production changed sandbox: %s", r.raw)
	}
}

func TestDirectorySyncGoesWithItsOrganization(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	d := e.connOrg(tok, "Gone Soon")
	path := "/api/v2/org/" + d + "/directory-sync"
	e.do("POST", path, "", "", tok)
	e.do("DELETE", "/api/v2/organizations/"+d, "", "", tok)
	for _, m := range []string{"GET", "PUT", "POST"} {
		if r := e.form(m, path, "active=true", tok); r.status != 404 {
			t.Errorf("%s on a deleted organization: %d %s", m, r.status, r.raw)
		}
	}
	// Same name again: a new organization without a directory sync.
	e.connOrg(tok, "Gone Soon")
	if r := e.do("GET", path, "", "", tok); r.status != 404 {
		t.Errorf("the old directory sync came back: %d %s", r.status, r.raw)
	}
	if r := e.do("POST", "/api/v2/org/nope/directory-sync/reset-token", "", "", tok); r.status != 404 {
		t.Errorf("reset on an unknown organization: %d", r.status)
	}
}
