package cryptr

import (
	"fmt"
	"net/url"
	"regexp"
	"testing"
)

// productionToken obtains a token of the production API key.
func (e *env) productionToken() string {
	e.t.Helper()
	v := url.Values{"client_id": {productionClientID}, "client_secret": {productionClientSecret},
		"grant_type": {"client_credentials"}, "tenant_domain": {accountDomain}}
	r := e.form("POST", "/api/v2/oauth/token", v.Encode(), "")
	if r.status != 200 {
		e.t.Fatalf("token: %d %s", r.status, r.raw)
	}
	return r.body["access_token"].(string)
}

// createWebhook creates a webhook and returns its JSON.
func (e *env) createWebhook(tok, name, target string, codes ...string) map[string]any {
	e.t.Helper()
	v := url.Values{"name": {name}, "target_url": {target}, "event_codes[]": codes}
	r := e.form("POST", "/api/v2/webhooks", v.Encode(), tok)
	if r.status != 201 {
		e.t.Fatalf("create webhook: %d %s", r.status, r.raw)
	}
	return r.body
}

var (
	webhookIDPattern  = regexp.MustCompile(`^webhook_[0-9A-Za-z]{27}$`)
	signaturePattern  = regexp.MustCompile(`^[A-Za-z0-9_-]{128}$`)
	webhookTimeFormat = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`)
)

func TestWebhookLifecycle(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	h := e.createWebhook(tok, "My Webhook", "https://hooks.example.com/cryptr", "dir_sync.user.provision.success", "sso_saml.all", "dir_sync.user.provision.success")
	id, _ := h["id"].(string)
	if !webhookIDPattern.MatchString(id) || h["__type__"] != "Webhook" || h["__environment__"] != "sandbox" || h["active"] != true ||
		h["name"] != "My Webhook" || h["target_url"] != "https://hooks.example.com/cryptr" {
		t.Fatalf("created = %v", h)
	}
	if got := fmt.Sprint(h["event_codes"]); got != "[dir_sync.user.provision.success sso_saml.all]" {
		t.Errorf("event_codes = %s (duplicates dropped, order kept)", got)
	}
	key, _ := h["signature_key"].(string)
	if !signaturePattern.MatchString(key) || !webhookTimeFormat.MatchString(h["inserted_at"].(string)) {
		t.Errorf("signature_key %q / inserted_at %v", key, h["inserted_at"])
	}

	r := e.do("GET", "/api/v2/webhooks/"+id, "", "", tok)
	if r.status != 200 || r.body["signature_key"] != key || r.body["name"] != "My Webhook" {
		t.Fatalf("get: %d %s", r.status, r.raw)
	}

	// Only target_url and event_codes change; a name is ignored.
	r = e.form("PUT", "/api/v2/webhooks/"+id, "name=Renamed&target_url=http%3A%2F%2F127.0.0.1%3A9%2Fx&event_codes[]=all", tok)
	if r.status != 200 || r.body["name"] != "My Webhook" || r.body["target_url"] != "http://127.0.0.1:9/x" ||
		fmt.Sprint(r.body["event_codes"]) != "[all]" || r.body["signature_key"] != key {
		t.Fatalf("update: %d %s", r.status, r.raw)
	}
	// Keys left out keep their value.
	r = e.form("PUT", "/api/v2/webhooks/"+id, "event_codes[]=dir_sync.all", tok)
	if r.status != 200 || r.body["target_url"] != "http://127.0.0.1:9/x" || fmt.Sprint(r.body["event_codes"]) != "[dir_sync.all]" {
		t.Fatalf("partial update: %d %s", r.status, r.raw)
	}

	r = e.do("DELETE", "/api/v2/webhooks/"+id, "", "", tok)
	res, _ := r.body["resource"].(map[string]any)
	if r.status != 200 || r.body["deleted"] != true || res["id"] != id {
		t.Fatalf("delete: %d %s", r.status, r.raw)
	}
	for _, method := range []string{"GET", "DELETE", "PUT"} {
		if r := e.form(method, "/api/v2/webhooks/"+id, "", tok); r.status != 404 || errType(r) != "not_found" {
			t.Errorf("%s deleted webhook: %d %s", method, r.status, r.raw)
		}
	}
}

func TestWebhookValidation(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	tests := []struct{ name, ct, body, field, msg string }{
		{"blank name", formCT, "name=+&target_url=https://x.example&event_codes[]=all", "name", "can't be blank"},
		{"missing url", formCT, "name=a&event_codes[]=all", "target_url", "is not a valid URL"},
		{"relative url", formCT, "name=a&target_url=/hooks&event_codes[]=all", "target_url", "is not a valid URL"},
		{"ftp url", formCT, "name=a&target_url=ftp://x.example&event_codes[]=all", "target_url", "is not a valid URL"},
		{"no codes", formCT, "name=a&target_url=https://x.example", "event_codes", "can't be blank"},
		{"empty codes", formCT, "name=a&target_url=https://x.example&event_codes[]=", "event_codes", "can't be blank"},
		{"unknown code", formCT, "name=a&target_url=https://x.example&event_codes[]=all&event_codes[]=user.created", "event_codes", `"user.created" is not a known event code`},
		{"json unknown code", "application/json", `{"name":"a","target_url":"https://x.example","event_codes":["nope"]}`, "event_codes", `"nope" is not a known event code`},
	}
	for _, tt := range tests {
		r := e.do("POST", "/api/v2/webhooks", tt.ct, tt.body, tok)
		if got := details(r, tt.field); r.status != 422 || len(got) == 0 || got[0] != tt.msg {
			t.Errorf("%s: %d %s", tt.name, r.status, r.raw)
		}
	}
	// A bare event_codes (as one reference sample sends) is accepted.
	if r := e.form("POST", "/api/v2/webhooks", "name=a&target_url=https://x.example&event_codes=dir_sync.user.provision.success", tok); r.status != 201 {
		t.Errorf("bare event_codes: %d %s", r.status, r.raw)
	}
	h := e.createWebhook(tok, "b", "https://x.example", "all")
	for body, field := range map[string]string{"target_url=nope": "target_url", "event_codes[]=": "event_codes", "event_codes[]=bad.code": "event_codes"} {
		if r := e.form("PUT", "/api/v2/webhooks/"+h["id"].(string), body, tok); r.status != 422 || len(details(r, field)) == 0 {
			t.Errorf("update %s: %d %s", body, r.status, r.raw)
		}
	}
}

func TestWebhooksAreScopedToTheKeyEnvironment(t *testing.T) {
	e := start(t, Options{}, nil)
	sandbox, production := e.token(), e.productionToken()
	sb := e.createWebhook(sandbox, "sandbox hook", "https://x.example", "all")
	pr := e.createWebhook(production, "production hook", "https://x.example", "all")
	if pr["__environment__"] != "production" {
		t.Fatalf("production webhook = %v", pr)
	}
	for _, c := range []struct{ tok, id string }{{sandbox, pr["id"].(string)}, {production, sb["id"].(string)}} {
		if r := e.do("GET", "/api/v2/webhooks/"+c.id, "", "", c.tok); r.status != 404 {
			t.Errorf("other environment's webhook: %d %s", r.status, r.raw)
		}
		if r := e.do("DELETE", "/api/v2/webhooks/"+c.id, "", "", c.tok); r.status != 404 {
			t.Errorf("delete other environment's webhook: %d %s", r.status, r.raw)
		}
	}
	r := e.do("GET", "/api/v2/webhooks", "", "", production)
	if r.status != 200 || r.body["total"] != float64(1) {
		t.Fatalf("production list: %s", r.raw)
	}
}

func TestWebhookListPaginatesNewestFirst(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	for i := range 5 {
		e.createWebhook(tok, fmt.Sprintf("hook %d", i), "https://x.example", "all")
	}
	r := e.do("GET", "/api/v2/webhooks?page=2&per_page=2", "", "", tok)
	data, _ := r.body["data"].([]any)
	pg, _ := r.body["pagination"].(map[string]any)
	if r.status != 200 || r.body["__type__"] != "List" || r.body["total"] != float64(5) || len(data) != 2 ||
		pg["current_page"] != float64(2) || pg["next_page"] != float64(3) || pg["total_pages"] != float64(3) {
		t.Fatalf("page 2: %s", r.raw)
	}
	if n0, n1 := data[0].(map[string]any)["name"], data[1].(map[string]any)["name"]; n0 != "hook 2" || n1 != "hook 1" {
		t.Errorf("page 2 = %v, %v; want hook 2, hook 1 (newest first)", n0, n1)
	}
}
