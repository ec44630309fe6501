package cryptr

import (
	"testing"
	"time"
)

func peopleMetaOf(t *testing.T, u map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range u["meta_data"].([]any) {
		key := peopleField(m, "key")
		if peopleField(key, "type") != "string" || peopleField(key, "required") != false || peopleField(m, "id") == "" {
			t.Errorf("meta_data entry = %v", m)
		}
		out[peopleField(key, "name").(string)] = peopleField(m, "value").(string)
	}
	return out
}

func TestUserMetadata(t *testing.T) {
	clk := &fakeClock{t: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	e := start(t, Options{}, clk)
	tok := e.token()
	domain := e.peopleOrg(tok, "Loirama")
	u := e.peopleUser(tok, domain, "email=lyla%40loirama.co")
	path := "/api/v2/org/" + domain + "/users/" + u["id"].(string)

	clk.Advance(time.Minute)
	r := e.form("PUT", path+"/add-metadata", "key=uid&value=2fa42937", tok)
	if r.status != 200 || peopleMetaOf(t, r.body)["uid"] != "2fa42937" || r.body["updated_at"] == u["updated_at"] {
		t.Fatalf("add: %d %s", r.status, r.raw)
	}
	// Query parameters work too (the reference calls them query parameters); a second add replaces.
	e.form("PUT", path+"/add-metadata?key=team&value=blue", "", tok)
	r = e.form("PUT", path+"/add-metadata", "key=uid&value=new", tok)
	if got := peopleMetaOf(t, r.body); len(got) != 2 || got["uid"] != "new" || got["team"] != "blue" {
		t.Errorf("after replace: %v", got)
	}
	r = e.form("PUT", path+"/remove-metadata", "key=uid", tok)
	if got := peopleMetaOf(t, r.body); r.status != 200 || len(got) != 1 || got["team"] != "blue" {
		t.Errorf("remove: %d %s", r.status, r.raw)
	}
	// Removing an absent key is a no-op.
	if r := e.form("PUT", path+"/remove-metadata", "key=uid", tok); r.status != 200 || len(peopleMetaOf(t, r.body)) != 1 {
		t.Errorf("remove absent: %d %s", r.status, r.raw)
	}
	// Metadata survives an update and is read back.
	e.form("PUT", path, "email=lyla%40loirama.co&meta_data=", tok)
	if r := e.do("GET", path, "", "", tok); peopleMetaOf(t, r.body)["team"] != "blue" {
		t.Errorf("get: %s", r.raw)
	}

	for _, c := range []struct {
		route, body string
		status      int
		field       string
	}{
		{"/add-metadata", "key=Not+Declared&value=x", 404, ""},
		{"/remove-metadata", "key=UID", 404, ""},
		{"/add-metadata", "value=x", 422, "key"},
		{"/add-metadata", "key=uid", 422, "value"},
		{"/remove-metadata", "", 422, "key"},
	} {
		r := e.form("PUT", path+c.route, c.body, tok)
		if r.status != c.status || (c.field != "" && len(details(r, c.field)) != 1) {
			t.Errorf("%s %s: %d %s", c.route, c.body, r.status, r.raw)
		}
	}
	if r := e.form("PUT", "/api/v2/org/"+domain+"/users/nobody/add-metadata", "key=uid&value=x", tok); r.status != 404 {
		t.Errorf("unknown user: %d %s", r.status, r.raw)
	}
}
