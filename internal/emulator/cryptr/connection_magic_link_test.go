package cryptr

import "testing"

func TestMagicLinkConnection(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	d := e.connOrg(tok, "Loirama")
	path := "/api/v2/org/" + d + "/magic-link-connection"

	r := e.do("GET", path, "", "", tok)
	b := r.body
	if r.status != 200 || b["__type__"] != "MagicLinkConnection" || b["active"] != true || b["find_or_create_user"] != false ||
		b["sign_in_template_id"] != nil || !connIsUUID(b["id"].(string)) || b["inserted_at"] == "" {
		t.Fatalf("default: %d %s", r.status, r.raw)
	}
	const tpl = "b653df01-b571-48c3-a630-6f1fddf5af31"
	r = e.form("PUT", path, "find_or_create_user=true&active=false&sign_in_template_id="+tpl, tok)
	if r.status != 200 || r.body["active"] != false || r.body["find_or_create_user"] != true || r.body["sign_in_template_id"] != tpl || r.body["id"] != b["id"] {
		t.Fatalf("update: %d %s", r.status, r.raw)
	}
	if r := e.form("PUT", path, "sign_in_template_id=nope", tok); r.status != 422 || len(details(r, "sign_in_template_id")) == 0 {
		t.Errorf("bad template: %d %s", r.status, r.raw)
	}
	if r := e.form("PUT", path, "find_or_create_user=sometimes", tok); r.status != 422 || len(details(r, "find_or_create_user")) == 0 {
		t.Errorf("bad flag: %d %s", r.status, r.raw)
	}
	r = e.form("PUT", path, "sign_in_template_id=", tok)
	if r.body["sign_in_template_id"] != nil || r.body["find_or_create_user"] != true {
		t.Errorf("partial update: %s", r.raw)
	}
	// Connections belong to the organization: the production key sees the same one.
	if r := e.do("GET", path, "", "", e.connProdToken()); r.body["find_or_create_user"] != true {
		t.Errorf("production view: %s", r.raw)
	}
	if r := e.do("GET", "/api/v2/org/nope/magic-link-connection", "", "", tok); r.status != 404 {
		t.Errorf("unknown organization: %d", r.status)
	}
}

func TestTOTPConnection(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	d := e.connOrg(tok, "Loirama")
	path := "/api/v2/org/" + d + "/totp-connection"

	r := e.do("GET", path, "", "", tok)
	if r.status != 200 || r.body["__domain__"] != d || r.body["active"] != false || r.body["method"] != "totp_mobile_app" ||
		r.body["expiry_in_seconds"] != float64(30) || len(r.body) != 4 {
		t.Fatalf("default: %d %s", r.status, r.raw)
	}
	// The documented update is a POST answering 201; switching to SMS without
	// an expiry takes SMS's default.
	r = e.form("POST", path, "active=true&method=sms", tok)
	if r.status != 201 || r.body["active"] != true || r.body["method"] != "sms" || r.body["expiry_in_seconds"] != float64(600) {
		t.Fatalf("update: %d %s", r.status, r.raw)
	}
	r = e.form("PUT", path, "expiry_in_seconds=120", tok)
	if r.status != 200 || r.body["expiry_in_seconds"] != float64(120) || r.body["method"] != "sms" {
		t.Fatalf("PUT update: %d %s", r.status, r.raw)
	}
	for body, field := range map[string]string{
		"method=email":          "method",
		"expiry_in_seconds=29":  "expiry_in_seconds",
		"expiry_in_seconds=901": "expiry_in_seconds",
		"active=yes-please":     "active",
	} {
		if r := e.form("POST", path, body, tok); r.status != 422 || len(details(r, field)) == 0 {
			t.Errorf("%s: %d %s, want 422 on %s", body, r.status, r.raw, field)
		}
	}
	if r := e.form("POST", path, "expiry_in_seconds=900&method=totp_mobile_app", tok); r.body["expiry_in_seconds"] != float64(900) {
		t.Errorf("method and expiry together: %s", r.raw)
	}
	if r := e.do("GET", path, "", "", tok); r.body["method"] != "totp_mobile_app" || r.body["active"] != true {
		t.Errorf("get: %s", r.raw)
	}
}
