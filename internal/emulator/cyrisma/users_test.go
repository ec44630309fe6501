package cyrisma

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// userForm returns a valid users/create form for instanceID.
func userForm(instanceID string) url.Values {
	return url.Values{"instance_id": {instanceID}, "username": {"ann@acme.example"}, "first_name": {"Ann"}, "last_name": {"Lee"}}
}

// users fetches a GET users path.
func (h *harness) users(tok, path string) []userJSON {
	h.t.Helper()
	status, b := h.do("GET", path, tok, nil)
	if status != http.StatusOK {
		h.t.Fatalf("GET %s: %d %s", path, status, b)
	}
	var out []userJSON
	decode(h.t, b, &out)
	return out
}

func TestUsersLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	tok := h.token()
	status, b := h.do("POST", "/partner/instances/users/create", tok, userForm(RootInstance))
	if status != 200 {
		t.Fatalf("%d %s", status, b)
	}
	var u userJSON
	decode(t, b, &u)
	want := userJSON{ID: u.ID, Username: "ann@acme.example", FirstName: "Ann", LastName: "Lee", Enabled: "1", InstanceID: RootInstance}
	if u != want || !uuidPattern.MatchString(u.ID) {
		t.Fatalf("user %+v", u)
	}
	for _, path := range []string{"/partner/users/info", "/partner/users/info/", "/partner/users/info/" + u.ID} {
		if got := h.users(tok, path); len(got) != 1 || got[0] != u {
			t.Fatalf("%s: %+v", path, got)
		}
	}
	if got := h.users(tok, "/partner/users/info/nope"); len(got) != 0 {
		t.Fatalf("unknown user: %+v", got)
	}
	for i := 0; i < 2; i++ {
		status, b = h.do("PATCH", "/partner/users/disable", tok, url.Values{"user_id": {u.ID}})
		var out []userJSON
		decode(t, b, &out)
		if status != 200 || len(out) != 1 || out[0].Enabled != "0" || out[0].ID != u.ID {
			t.Fatalf("disable: %d %s", status, b)
		}
	}
	if got := h.users(tok, "/partner/users/info/"+u.ID); got[0].Enabled != "0" {
		t.Fatal("disable not visible")
	}
}

func TestUsersErrors(t *testing.T) {
	h := newHarness(t, Options{ProvisioningDelay: time.Minute})
	tok := h.token()
	std := h.create(tok, nil)
	h.advance(time.Minute)
	pending := h.create(tok, map[string]string{"instance_type": "organization"})
	for _, tc := range []struct {
		name string
		form url.Values
		code string
	}{
		{"standard instance", userForm(std), errInvalidRequest},
		{"unknown instance", userForm("nope"), errInvalidInstance},
		{"provisioning instance", userForm(pending), errInvalidInstance},
		{"missing username", url.Values{"instance_id": {RootInstance}, "first_name": {"A"}, "last_name": {"B"}}, errInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b := h.do("POST", "/partner/instances/users/create", tok, tc.form)
			expectError(t, status, b, 400, tc.code)
		})
	}
	status, b := h.do("PATCH", "/partner/users/disable", tok, url.Values{"user_id": {"nope"}})
	expectError(t, status, b, 400, errInvalidRequest)
	status, b = h.do("GET", "/partner/users/info", "", nil)
	expectError(t, status, b, 401, errInvalidToken)
}
