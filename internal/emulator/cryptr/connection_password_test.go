package cryptr

import "testing"

func TestPasswordConnectionLifecycle(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	d := e.connOrg(tok, "Well Agency")
	path := "/api/v2/org/" + d + "/password-connection"

	if r := e.do("GET", path, "", "", tok); r.status != 404 || errType(r) != "not_found" {
		t.Fatalf("an organization has no password connection by default: %d %s", r.status, r.raw)
	}
	if r := e.do("PUT", path, "", "", tok); r.status != 404 {
		t.Fatalf("update before create: %d %s", r.status, r.raw)
	}
	r := e.form("POST", path, "plain_text_min_length=10", tok)
	b := r.body
	if r.status != 201 || b["__type__"] != "PasswordConnection" || b["__domain__"] != d || b["active"] != true ||
		b["plain_text_min_length"] != float64(10) || b["plain_text_max_length"] != float64(40) ||
		b["pepper_rotation_period"] != float64(86400) || b["forgot_password_template_id"] != nil || !connIsUUID(b["id"].(string)) {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	if r := e.form("POST", path, "", tok); r.status != 422 || len(details(r, "password_connection")) == 0 {
		t.Errorf("second create: %d %s", r.status, r.raw)
	}

	const tpl = "b653df01-b571-48c3-a630-6f1fddf5af31"
	r = e.do("PUT", path, "application/json", `{"active":false,"plain_text_max_length":64,"pepper_rotation_period":3600,"forgot_password_template_id":"`+tpl+`"}`, tok)
	if r.status != 200 || r.body["active"] != false || r.body["plain_text_max_length"] != float64(64) ||
		r.body["plain_text_min_length"] != float64(10) || r.body["pepper_rotation_period"] != float64(3600) ||
		r.body["forgot_password_template_id"] != tpl || r.body["id"] != b["id"] {
		t.Fatalf("update: %d %s", r.status, r.raw)
	}
	if r := e.form("PUT", path, "forgot_password_template_id=", tok); r.body["forgot_password_template_id"] != nil {
		t.Errorf("clearing the template: %s", r.raw)
	}
	if r := e.do("GET", path, "", "", tok); r.status != 200 || r.body["plain_text_max_length"] != float64(64) {
		t.Errorf("get: %d %s", r.status, r.raw)
	}
}

func TestPasswordConnectionValidation(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	d := e.connOrg(tok, "Strict")
	path := "/api/v2/org/" + d + "/password-connection"
	for body, field := range map[string]string{
		"plain_text_min_length=20&plain_text_max_length=20": "plain_text_max_length",
		"plain_text_max_length=5":                           "plain_text_max_length",
		"plain_text_min_length=0":                           "plain_text_min_length",
		"plain_text_min_length=eight":                       "plain_text_min_length",
		"pepper_rotation_period=0":                          "pepper_rotation_period",
		"forgot_password_template_id=not-a-uuid":            "forgot_password_template_id",
		"active=perhaps":                                    "active",
	} {
		if r := e.form("POST", path, body, tok); r.status != 422 || len(details(r, field)) == 0 {
			t.Errorf("create %s: %d %s, want 422 on %s", body, r.status, r.raw, field)
		}
	}
	if r := e.do("GET", path, "", "", tok); r.status != 404 {
		t.Errorf("a refused create left a connection: %d", r.status)
	}
	e.form("POST", path, "", tok)
	if r := e.form("PUT", path, "plain_text_min_length=50", tok); r.status != 422 {
		t.Errorf("update with min > max: %d %s", r.status, r.raw)
	}
	if r := e.do("GET", path, "", "", tok); r.body["plain_text_min_length"] != float64(8) {
		t.Errorf("a refused update changed the connection: %s", r.raw)
	}
}
