package cryptr

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestCreateThenProvisioned(t *testing.T) {
	const delay = 50 * time.Millisecond
	e := start(t, Options{ProvisioningDelay: delay}, nil)
	tok := e.token()
	r := e.form("POST", "/api/v2/organizations",
		"name=Communitiz+App&allowed_email_domains[]=communitiz.io&allowed_email_domains[]=b.example.com&__type__=Organization&&environments=", tok)
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	b := r.body
	if b["__type__"] != "Organization" || b["domain"] != "communitiz-app" || b["name"] != "Communitiz App" ||
		b["color"] != "red-500" || b["locale"] != "en-US" || b["timezone"] != "Coordinated Universal Time (UTC)" ||
		b["icon_logo_url"] != nil || b["inline_logo_url"] != nil {
		t.Errorf("created = %s", r.raw)
	}
	if got := fmt.Sprint(b["allowed_email_domains"]); got != "[communitiz.io b.example.com]" {
		t.Errorf("allowed_email_domains = %s", got)
	}
	if _, err := time.Parse(timeLayout, b["inserted_at"].(string)); err != nil {
		t.Errorf("inserted_at: %v", err)
	}
	checkProvisioning(t, b, "down", "pending", 0)
	if est := b["status"].(map[string]any)["estimated_time_to_complete_in_seconds"]; est != float64(1) {
		t.Errorf("estimate = %v, want 1", est)
	}

	time.Sleep(delay + 10*time.Millisecond)
	r = e.do("GET", "/api/v2/organizations/communitiz-app", "", "", tok)
	if r.status != 200 {
		t.Fatalf("get: %d %s", r.status, r.raw)
	}
	checkProvisioning(t, r.body, "up", "terminated", 100)
	if est := r.body["status"].(map[string]any)["estimated_time_to_complete_in_seconds"]; est != nil {
		t.Errorf("estimate = %v, want null", est)
	}
}

func checkProvisioning(t *testing.T, org map[string]any, env, state string, progress float64) {
	t.Helper()
	envs := org["environments"].([]any)
	if len(envs) != 2 {
		t.Fatalf("environments = %v", envs)
	}
	for i, name := range []string{"production", "sandbox"} {
		e := envs[i].(map[string]any)
		if e["name"] != name || e["status"] != env {
			t.Errorf("environment %d = %v, want %s %s", i, e, name, env)
		}
	}
	st := org["status"].(map[string]any)
	if st["state"] != state || st["progress_in_percentage"] != progress || len(st["errors"].([]any)) != 0 {
		t.Errorf("status = %v, want %s %v", st, state, progress)
	}
}

func TestCreateValidation(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	if r := e.form("POST", "/api/v2/organizations", "name=Acme", tok); r.status != 201 {
		t.Fatalf("seed: %d %s", r.status, r.raw)
	}
	tests := []struct {
		name, ct, body, field, msg string
	}{
		{"missing name", formCT, "allowed_email_domains[]=a.com", "name", "can't be blank"},
		{"blank name", formCT, "name=+++", "name", "can't be blank"},
		{"json blank name", "application/json", `{"name":""}`, "name", "can't be blank"},
		{"no slug", formCT, "name=%21%21", "name", "must contain at least one letter or digit"},
		{"duplicate domain", formCT, "name=ACME%21", "name", "has already been taken"},
		{"bad email domain", formCT, "name=New&allowed_email_domains[]=nodot", "allowed_email_domains", `"nodot" is not a valid domain`},
		{"space in domain", "application/json", `{"name":"New","allowed_email_domains":["a b.com"]}`, "allowed_email_domains", `"a b.com" is not a valid domain`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do("POST", "/api/v2/organizations", tc.ct, tc.body, tok)
			if r.status != 422 || errType(r) != "unprocessable_entity" {
				t.Fatalf("got %d %s", r.status, r.raw)
			}
			if got := details(r, tc.field); len(got) != 1 || got[0] != tc.msg {
				t.Errorf("details.%s = %v, want [%s]", tc.field, got, tc.msg)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	e.form("POST", "/api/v2/organizations", "name=Weekly+Motion&allowed_email_domains[]=a.com", tok)
	const path = "/api/v2/organizations/weekly-motion"
	steps := []struct {
		name, ct, body string
		status         int
		wantName       string
		wantDomains    string
	}{
		{"rename keeps domains", formCT, "name=Weekly+Motion+2", 200, "Weekly Motion 2", "[a.com]"},
		{"replace list", formCT, "allowed_email_domains[]=b.com&allowed_email_domains[]=c.com", 200, "Weekly Motion 2", "[b.com c.com]"},
		{"clear list by form", formCT, "allowed_email_domains[]=", 200, "Weekly Motion 2", "[]"},
		{"set list by json", "application/json", `{"allowed_email_domains":["d.com"],"name":null}`, 200, "Weekly Motion 2", "[d.com]"},
		{"clear list by json", "application/json", `{"allowed_email_domains":[]}`, 200, "Weekly Motion 2", "[]"},
		{"query params", "", "", 200, "Via Query", "[]"},
		{"blank name", formCT, "name=", 422, "", ""},
		{"bad domain", formCT, "allowed_email_domains[]=x", 422, "", ""},
	}
	for _, s := range steps {
		p := path
		if s.name == "query params" {
			p += "?name=Via+Query"
		}
		r := e.do("PUT", p, s.ct, s.body, tok)
		if r.status != s.status {
			t.Fatalf("%s: %d %s", s.name, r.status, r.raw)
		}
		if s.status != 200 {
			continue
		}
		if r.body["domain"] != "weekly-motion" || r.body["name"] != s.wantName ||
			fmt.Sprint(r.body["allowed_email_domains"]) != s.wantDomains {
			t.Errorf("%s: got %s", s.name, r.raw)
		}
	}
	if r := e.form("PUT", "/api/v2/organizations/unknown", "name=X", tok); r.status != 404 || errType(r) != "not_found" {
		t.Errorf("unknown: %d %s", r.status, r.raw)
	}
}

func TestDeleteAndRecreate(t *testing.T) {
	e := start(t, Options{ProvisioningDelay: time.Hour}, nil)
	tok := e.token()
	const path = "/api/v2/organizations/acme-corp"
	e.form("POST", "/api/v2/organizations", "name=Acme+Corp", tok)
	r := e.do("DELETE", path, "", "", tok)
	if r.status != 200 || r.body["deleted"] != true {
		t.Fatalf("delete: %d %s", r.status, r.raw)
	}
	if res := r.body["resource"].(map[string]any); res["domain"] != "acme-corp" || res["__type__"] != "Organization" {
		t.Errorf("resource = %v", res)
	}
	r = e.do("GET", path, "", "", tok)
	if r.status != 200 || r.body["deleted"] != true || r.body["name"] != "Acme Corp" ||
		r.body["domain"] != "acme-corp" || len(r.body) != 4 {
		t.Errorf("get deleted: %d %s", r.status, r.raw)
	}
	for _, m := range []string{"DELETE", "PUT"} {
		if r := e.form(m, path, "name=Z", tok); r.status != 404 || errType(r) != "not_found" {
			t.Errorf("%s deleted: %d %s", m, r.status, r.raw)
		}
	}
	if r := e.do("GET", "/api/v2/organizations", "", "", tok); r.body["total"] != float64(0) {
		t.Errorf("list after delete: %s", r.raw)
	}
	if r := e.do("GET", "/api/v2/organizations/nope", "", "", tok); r.status != 404 {
		t.Errorf("get unknown: %d", r.status)
	}
	if r := e.form("POST", "/api/v2/organizations", "name=acme+corp", tok); r.status != 201 {
		t.Fatalf("recreate: %d %s", r.status, r.raw)
	}
	r = e.do("GET", path, "", "", tok)
	if r.status != 200 || r.body["deleted"] != nil || r.body["name"] != "acme corp" {
		t.Errorf("get recreated: %s", r.raw)
	}
}

func TestListPaginationAndFilter(t *testing.T) {
	clk := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	e := start(t, Options{ProvisioningDelay: 10 * time.Second}, clk)
	tok := e.token()
	for i := 1; i <= 5; i++ { // org-1 .. org-5, one second apart
		e.form("POST", "/api/v2/organizations", fmt.Sprintf("name=Org+%d", i), tok)
		clk.Advance(time.Second)
	}
	clk.Advance(6 * time.Second) // org-1 and org-2 are up now
	e.form("POST", "/api/v2/organizations", "name=Org+6", tok)
	e.form("POST", "/api/v2/organizations", "name=Org+7", tok) // same instant: sequence breaks the tie

	tests := []struct {
		query              string
		domains            string
		page, total, pages int
		next, prev         any
	}{
		{"", "[org-7 org-6 org-5 org-4 org-3 org-2 org-1]", 1, 7, 1, nil, nil},
		{"?page=2&per_page=3", "[org-4 org-3 org-2]", 2, 7, 3, float64(3), float64(1)},
		{"?current_page=2&per_page=3", "[org-4 org-3 org-2]", 2, 7, 3, float64(3), float64(1)},
		{"?page=3&per_page=3", "[org-1]", 3, 7, 3, nil, float64(2)},
		{"?page=9&per_page=3", "[]", 9, 7, 3, nil, float64(3)},
		{"?page=0&per_page=abc", "[org-7 org-6 org-5 org-4 org-3 org-2 org-1]", 1, 7, 1, nil, nil},
		{"?q[environments_status_in][]=up", "[org-2 org-1]", 1, 2, 1, nil, nil},
		{"?q[environments_status_in][]=down&per_page=2", "[org-7 org-6]", 1, 5, 3, float64(2), nil},
		{"?q[environments_status_in][]=up&q[environments_status_in][]=down", "[org-7 org-6 org-5 org-4 org-3 org-2 org-1]", 1, 7, 1, nil, nil},
		{"?q[environments_status_in][]=sideways", "[]", 1, 0, 1, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			// Pagination is also accepted as a form body on GET (as the SDK sends it).
			r := e.do("GET", "/api/v2/organizations"+tc.query, formCT, "", tok)
			if r.status != 200 || r.body["__type__"] != "List" {
				t.Fatalf("%d %s", r.status, r.raw)
			}
			var got []string
			for _, o := range r.body["data"].([]any) {
				got = append(got, o.(map[string]any)["domain"].(string))
			}
			if fmt.Sprint(append([]string{}, got...)) != tc.domains {
				t.Errorf("domains = %v, want %s", got, tc.domains)
			}
			pg := r.body["pagination"].(map[string]any)
			if r.body["total"] != float64(tc.total) || pg["current_page"] != float64(tc.page) ||
				pg["total_pages"] != float64(tc.pages) || pg["next_page"] != tc.next || pg["prev_page"] != tc.prev {
				t.Errorf("total=%v pagination=%v", r.body["total"], pg)
			}
			if n := len(pg["current_pages"].([]any)); n != tc.pages {
				t.Errorf("current_pages = %v", pg["current_pages"])
			}
		})
	}
	r := e.do("GET", "/api/v2/organizations?per_page=1000", "", "", tok)
	if r.body["pagination"].(map[string]any)["per_page"] != float64(100) {
		t.Errorf("per_page not clamped: %v", r.body["pagination"])
	}
	if !slices.Contains([]string{"pending"}, r.body["data"].([]any)[0].(map[string]any)["status"].(map[string]any)["state"].(string)) {
		t.Errorf("newest should be pending")
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Weeklymotion": "weeklymotion", "Communitiz App": "communitiz-app",
		"  --Actalab  Corp__Prod!! ": "actalab-corp-prod", "Élan 2": "lan-2", "!!": "",
	} {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
