package cryptr

import (
	"fmt"
	"net/url"
	"regexp"
	"testing"
)

// ssoProductionToken obtains a production token.
func ssoProductionToken(e *env) string {
	e.t.Helper()
	v := url.Values{"client_id": {productionClientID}, "client_secret": {productionClientSecret},
		"grant_type": {"client_credentials"}, "tenant_domain": {accountDomain}}
	r := e.form("POST", "/api/v2/oauth/token", v.Encode(), "")
	if r.status != 200 {
		e.t.Fatalf("token: %d %s", r.status, r.raw)
	}
	return r.body["access_token"].(string)
}

var ssoUUIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestRedirectURILifecycle(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	r := e.form("POST", "/api/v2/redirect-uris", "uri="+url.QueryEscape("https://app.example.com/callback")+"&default=true", tok)
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	first := r.body["id"].(string)
	if r.body["__type__"] != "RedirectUri" || r.body["__environment__"] != "sandbox" || r.body["default"] != true ||
		r.body["uri"] != "https://app.example.com/callback" || !ssoUUIDPattern.MatchString(first) || r.body["updated_at"] == nil {
		t.Fatalf("created = %s", r.raw)
	}
	r = e.do("POST", "/api/v2/redirect-uris", "application/json", `{"uri":"com.example.app:/oauth2redirect"}`, tok)
	if r.status != 201 || r.body["default"] != false {
		t.Fatalf("create second: %d %s", r.status, r.raw)
	}
	second := r.body["id"].(string)

	// The default cannot be deleted while others exist.
	if r := e.form("DELETE", "/api/v2/redirect-uris/"+first, "", tok); r.status != 422 || len(details(r, "default")) == 0 {
		t.Fatalf("delete default: %d %s", r.status, r.raw)
	}
	// Making the second the default clears the first.
	if r := e.form("PUT", "/api/v2/redirect-uris/"+second, "default=true", tok); r.status != 200 || r.body["default"] != true || r.body["uri"] != "com.example.app:/oauth2redirect" {
		t.Fatalf("update: %d %s", r.status, r.raw)
	}
	if r := e.form("GET", "/api/v2/redirect-uris/"+first, "", tok); r.status != 200 || r.body["default"] != false {
		t.Fatalf("previous default: %d %s", r.status, r.raw)
	}
	if r := e.form("PUT", "/api/v2/redirect-uris/"+first, "uri="+url.QueryEscape("https://app.example.com/cb2"), tok); r.status != 200 || r.body["uri"] != "https://app.example.com/cb2" {
		t.Fatalf("update uri: %d %s", r.status, r.raw)
	}
	r = e.form("DELETE", "/api/v2/redirect-uris/"+first, "", tok)
	if r.status != 200 || r.body["deleted"] != true || r.body["resource"].(map[string]any)["id"] != first {
		t.Fatalf("delete: %d %s", r.status, r.raw)
	}
	if r := e.form("GET", "/api/v2/redirect-uris/"+first, "", tok); r.status != 404 || errType(r) != "not_found" {
		t.Fatalf("get deleted: %d %s", r.status, r.raw)
	}
	if r := e.form("DELETE", "/api/v2/redirect-uris/"+first, "", tok); r.status != 404 {
		t.Fatalf("delete again: %d %s", r.status, r.raw)
	}
	// The last one may be deleted even when it is the default.
	if r := e.form("DELETE", "/api/v2/redirect-uris/"+second, "", tok); r.status != 200 {
		t.Fatalf("delete the only (default) one: %d %s", r.status, r.raw)
	}
}

func TestRedirectURIValidation(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	for _, bad := range []string{"", "/relative/path", "https://", "https://a.example.com/x#frag", "not a uri", "http:///nohost"} {
		if r := e.form("POST", "/api/v2/redirect-uris", "uri="+url.QueryEscape(bad), tok); r.status != 422 || len(details(r, "uri")) == 0 {
			t.Errorf("uri %q: %d %s", bad, r.status, r.raw)
		}
	}
	if r := e.form("POST", "/api/v2/redirect-uris", "uri=https://a.example.com&default=perhaps", tok); r.status != 422 || len(details(r, "default")) == 0 {
		t.Errorf("bad default: %d %s", r.status, r.raw)
	}
	if r := e.form("POST", "/api/v2/redirect-uris", "uri=https://a.example.com", tok); r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	if r := e.form("POST", "/api/v2/redirect-uris", "uri=https://a.example.com", tok); r.status != 422 || fmt.Sprint(details(r, "uri")) != "[has already been taken]" {
		t.Fatalf("duplicate: %d %s", r.status, r.raw)
	}
	// The same URI is free in the other environment.
	if r := e.form("POST", "/api/v2/redirect-uris", "uri=https://a.example.com", ssoProductionToken(e)); r.status != 201 || r.body["__environment__"] != "production" {
		t.Fatalf("production: %d %s", r.status, r.raw)
	}
}

func TestRedirectURIEnvironmentsAndList(t *testing.T) {
	e := start(t, Options{}, nil)
	sandbox, production := e.token(), ssoProductionToken(e)
	var want []string
	for i := range 5 {
		r := e.form("POST", "/api/v2/redirect-uris", fmt.Sprintf("uri=https://s%d.example.com/cb&default=true", i), sandbox)
		if r.status != 201 {
			t.Fatalf("create: %d %s", r.status, r.raw)
		}
		want = append([]string{r.body["uri"].(string)}, want...)
	}
	r := e.form("POST", "/api/v2/redirect-uris", "uri=https://prod.example.com/cb&default=true", production)
	prodID := r.body["id"].(string)
	if r := e.form("GET", "/api/v2/redirect-uris/"+prodID, "", sandbox); r.status != 404 {
		t.Fatalf("sandbox sees a production URI: %d %s", r.status, r.raw)
	}
	if r := e.form("PUT", "/api/v2/redirect-uris/"+prodID, "default=false", sandbox); r.status != 404 {
		t.Fatalf("sandbox updates a production URI: %d %s", r.status, r.raw)
	}
	var got []string
	defaults := 0
	for page := 1; page <= 2; page++ {
		r := e.form("GET", fmt.Sprintf("/api/v2/redirect-uris?page=%d&per_page=3", page), "", sandbox)
		if r.status != 200 || r.body["total"] != float64(5) {
			t.Fatalf("list: %d %s", r.status, r.raw)
		}
		for _, item := range r.body["data"].([]any) {
			m := item.(map[string]any)
			got = append(got, m["uri"].(string))
			if m["default"] == true {
				defaults++
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || defaults != 1 {
		t.Fatalf("listed %v (%d defaults), want %v and one default", got, defaults, want)
	}
	// The production default was not cleared by the sandbox ones.
	if r := e.form("GET", "/api/v2/redirect-uris/"+prodID, "", production); r.body["default"] != true {
		t.Fatalf("production default: %s", r.raw)
	}
}
