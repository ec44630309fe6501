package cyrisma

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"testing"
	"time"
)

var (
	uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	urlPattern  = regexp.MustCompile(`^cc[0-9]{6}\.cyrisma\.com$`)
)

// ids returns the instance ids of list.
func ids(list []instanceJSON) map[string]instanceJSON {
	m := map[string]instanceJSON{}
	for _, in := range list {
		m[in.InstanceID] = in
	}
	return m
}

func TestRootInstanceSeeded(t *testing.T) {
	h := newHarness(t, Options{})
	tok := h.token()
	for _, path := range []string{"/partner/instances/info", "/partner/instances/info/", "/partner/instances/info/" + RootInstance} {
		list := h.instances(tok, path)
		if len(list) != 1 {
			t.Fatalf("%s: %v", path, list)
		}
		root := list[0]
		if root.InstanceID != h.svc.RootInstanceID() || root.ParentID != "" || root.InstanceType != "organization" ||
			root.Hierarchy != RootInstance || root.MFA != "0" {
			t.Fatalf("root %+v", root)
		}
	}
}

func TestCreateProvisioningDelay(t *testing.T) {
	h := newHarness(t, Options{ProvisioningDelay: time.Second})
	tok := h.token()
	org := h.create(tok, map[string]string{"instance_type": "organization", "name": "Sub Org", "mfa_type": "2"})
	if got := h.instances(tok, "/partner/instances/info/"+org); len(got) != 0 {
		t.Fatalf("visible before delay: %v", got)
	}
	if _, ok := ids(h.instances(tok, "/partner/instances/info"))[org]; ok {
		t.Fatal("listed before delay")
	}
	status, b := h.do("PATCH", "/partner/instances/suspend", tok, url.Values{"instance_id": {org}})
	expectError(t, status, b, 400, errInvalidInstance)
	h.advance(time.Second)
	got := h.instances(tok, "/partner/instances/info/"+org)
	if len(got) != 1 {
		t.Fatalf("not visible after delay: %v", got)
	}
	in := got[0]
	if !uuidPattern.MatchString(in.InstanceID) || !urlPattern.MatchString(in.URL) || in.ParentID != RootInstance ||
		in.Hierarchy != RootInstance+"/"+org || in.InstanceType != "organization" || in.IsConsulting ||
		in.MFA != "2" || in.Name != "Sub Org" || in.ShortName != "Acme" || in.NumberOfEndpoints != 0 {
		t.Fatalf("instance %+v", in)
	}
	child := h.create(tok, map[string]string{"parent_instance_id": org, "tenant_id": "t-1"})
	h.advance(time.Second)
	c := h.instances(tok, "/partner/instances/info?instance_id="+child)
	if len(c) != 1 || c[0].Hierarchy != RootInstance+"/"+org+"/"+child || c[0].TenantID != "t-1" || c[0].MFA != "0" {
		t.Fatalf("child %+v", c)
	}
	if len(h.instances(tok, "/partner/instances/info")) != 3 {
		t.Fatal("list should hold root, org and child")
	}
}

func TestCreateValidation(t *testing.T) {
	h := newHarness(t, Options{})
	tok := h.token()
	std := h.create(tok, nil)
	for _, tc := range []struct {
		name string
		over map[string]string
		code string
	}{
		{"missing name", map[string]string{"name": ""}, errInvalidRequest},
		{"missing email", map[string]string{"email": ""}, errInvalidRequest},
		{"missing country", map[string]string{"country": ""}, errInvalidRequest},
		{"bad type", map[string]string{"instance_type": "trial"}, errInvalidRequest},
		{"bad consulting", map[string]string{"is_consulting": "yes"}, errInvalidRequest},
		{"consulting org", map[string]string{"instance_type": "organization", "is_consulting": "true"}, errInvalidRequest},
		{"bad mfa", map[string]string{"mfa_type": "3"}, errInvalidRequest},
		{"bad email", map[string]string{"email": "nope"}, errInvalidRequest},
		{"unknown parent", map[string]string{"parent_instance_id": "nope"}, errInvalidRequest},
		{"standard parent", map[string]string{"parent_instance_id": std}, errInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b := h.do("POST", "/partner/instances/create", tok, createForm(tc.over))
			expectError(t, status, b, http.StatusBadRequest, tc.code)
		})
	}
}

func TestSuspendAndReactivate(t *testing.T) {
	for route, path := range map[ReactivateRoute]string{
		"": "/partner/instances/info", ReactivateAtInfo: "/partner/instances/info",
		ReactivateAtReactivate: "/partner/instances/reactivate", ReactivateAtBoth: "/partner/instances/reactivate",
	} {
		t.Run(string(route)+" "+path, func(t *testing.T) {
			h := newHarness(t, Options{Reactivate: route})
			tok := h.token()
			id := h.create(tok, nil)
			for i := 0; i < 2; i++ { // idempotent
				status, b := h.do("PATCH", "/partner/instances/suspend", tok, url.Values{"instance_id": {id}})
				var out map[string]any
				decode(t, b, &out)
				if status != 200 || out["instanceID"] != id || out["name"] != "Acme Corp" || out["enabled"] != float64(0) || len(out) != 3 {
					t.Fatalf("suspend: %d %s", status, b)
				}
			}
			if _, ok := ids(h.instances(tok, "/partner/instances/info"))[id]; ok {
				t.Fatal("suspended instance listed")
			}
			if got := h.instances(tok, "/partner/instances/info/"+id); len(got) != 1 || got[0].InstanceID != id {
				t.Fatalf("by id: %+v", got)
			}
			for i := 0; i < 2; i++ { // idempotent
				status, b := h.do("PATCH", path, tok, url.Values{"instance_id": {id}})
				var out map[string]any
				decode(t, b, &out)
				if status != 200 || out["instance_id"] != id || out["name"] != "Acme Corp" || out["enabled"] != float64(1) || len(out) != 3 {
					t.Fatalf("reactivate: %d %s", status, b)
				}
			}
			if _, ok := ids(h.instances(tok, "/partner/instances/info"))[id]; !ok {
				t.Fatal("reactivated instance not listed")
			}
		})
	}
}

func TestPatchErrors(t *testing.T) {
	h := newHarness(t, Options{Reactivate: ReactivateAtBoth})
	tok := h.token()
	for _, path := range []string{"/partner/instances/suspend", "/partner/instances/reactivate", "/partner/instances/info", "/partner/instances/convert"} {
		status, b := h.do("PATCH", path, tok, url.Values{"instance_id": {"nope"}})
		expectError(t, status, b, 400, errInvalidInstance)
		status, b = h.do("PATCH", path, tok, url.Values{})
		expectError(t, status, b, 400, errInvalidRequest)
	}
	status, b := h.do("PATCH", "/partner/instances/mfa", tok, url.Values{"instance_id": {"nope"}, "mfa_type": {"1"}})
	expectError(t, status, b, 400, errInvalidInstance)
	status, b = h.do("PATCH", "/partner/instances/suspend", tok, url.Values{"instance_id": {RootInstance}})
	expectError(t, status, b, 400, errInvalidRequest)
}

func TestConvert(t *testing.T) {
	h := newHarness(t, Options{})
	tok := h.token()
	id := h.create(tok, map[string]string{"is_consulting": "true"})
	if got := h.instances(tok, "/partner/instances/info/"+id); !got[0].IsConsulting {
		t.Fatal("not consulting")
	}
	status, b := h.do("PATCH", "/partner/instances/convert", tok, url.Values{"instance_id": {id}})
	var out map[string]string
	decode(t, b, &out)
	if status != 200 || out["instance_id"] != id || out["name"] != "Acme Corp" || out["consulting_status"] != "converted" {
		t.Fatalf("convert: %d %s", status, b)
	}
	if got := h.instances(tok, "/partner/instances/info/"+id); got[0].IsConsulting {
		t.Fatal("still consulting")
	}
	status, b = h.do("PATCH", "/partner/instances/convert", tok, url.Values{"instance_id": {id}})
	expectError(t, status, b, 400, errInvalidRequest)
}

func TestSetMFA(t *testing.T) {
	h := newHarness(t, Options{})
	tok := h.token()
	id := h.create(tok, nil)
	for _, tc := range []struct {
		code   string
		status int
	}{{"1", 200}, {"2", 200}, {"0", 200}, {"9", 400}, {"", 400}} {
		status, b := h.do("PATCH", "/partner/instances/mfa", tok, url.Values{"instance_id": {id}, "mfa_type": {tc.code}})
		if tc.status != 200 {
			expectError(t, status, b, tc.status, errInvalidRequest)
			continue
		}
		var out map[string]string
		decode(t, b, &out)
		if status != 200 || out["instance_id"] != id || out["mfa"] != tc.code {
			t.Fatalf("mfa %s: %d %s", tc.code, status, b)
		}
		if got := h.instances(tok, "/partner/instances/info/"+id); got[0].MFA != tc.code {
			t.Fatalf("info mfa = %s, want %s", got[0].MFA, tc.code)
		}
	}
}

func TestGetUnknownInstance(t *testing.T) {
	h := newHarness(t, Options{})
	status, b := h.do("GET", "/partner/instances/info/nope", h.token(), nil)
	if status != 200 || string(b) != "[]\n" {
		t.Fatalf("%d %q", status, b)
	}
}

func TestProvisioningDelayRealClock(t *testing.T) {
	svc := New(Options{ProvisioningDelay: 150 * time.Millisecond})
	mux := http.NewServeMux()
	svc.Register(mux)
	h := &harness{t: t, svc: svc}
	h.srv = httptest.NewServer(mux)
	t.Cleanup(h.srv.Close)
	tok := h.token()
	id := h.create(tok, nil)
	if got := h.instances(tok, "/partner/instances/info/"+id); len(got) != 0 {
		t.Fatalf("visible immediately: %v", got)
	}
	time.Sleep(200 * time.Millisecond)
	if got := h.instances(tok, "/partner/instances/info/"+id); len(got) != 1 {
		t.Fatalf("not visible after delay: %v", got)
	}
}
