package cyrisma

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"testing"
)

// fuzzRoutes are the Cyrisma routes of the fuzz target; the fuzzed path
// segment replaces {instance} or {user} (an empty segment keeps the
// fixture's instance or user id).
var fuzzRoutes = []struct{ method, path string }{
	{"POST", "/app/partner/login"},
	{"POST", "/app/partner/login/regen-pass"},
	{"GET", "/app/partner/instances/info"},
	{"GET", "/app/partner/instances/info/{instance}"},
	{"POST", "/app/partner/instances/create"},
	{"PATCH", "/app/partner/instances/convert"},
	{"PATCH", "/app/partner/instances/suspend"},
	{"PATCH", "/app/partner/instances/reactivate"},
	{"PATCH", "/app/partner/instances/info"},
	{"PATCH", "/app/partner/instances/mfa"},
	{"POST", "/app/partner/instances/users/create"},
	{"GET", "/app/partner/users/info"},
	{"GET", "/app/partner/users/info/{user}"},
	{"PATCH", "/app/partner/users/disable"},
}

// fuzzFixture is a fresh service with a token, a consulting standard
// instance and a user of the root organization.
type fuzzFixture struct {
	mux                   *http.ServeMux
	token, instance, user string
}

func newFuzzFixture(t *testing.T) *fuzzFixture {
	svc := New(Options{Reactivate: ReactivateAtBoth}) // both reactivation handlers are fuzzed
	f := &fuzzFixture{mux: http.NewServeMux()}
	svc.Register(f.mux)
	login := url.Values{"grant_type": {"password"}, "username": {DemoAPIKey}, "password": {DemoAPISecret}}
	f.token = f.mustJSON(t, "POST", "/app/partner/login", login)["access_token"].(string)
	create := url.Values{"instance_type": {"standard"}, "is_consulting": {"true"}, "parent_instance_id": {RootInstance},
		"name": {"Client"}, "short_name": {"C"}, "country": {"FR"}, "email": {"c@client.example"}}
	f.instance = f.mustJSON(t, "POST", "/app/partner/instances/create", create)["instance_id"].(string)
	user := url.Values{"instance_id": {RootInstance}, "username": {"jo"}, "first_name": {"Jo"}, "last_name": {"Doe"}}
	f.user = f.mustJSON(t, "POST", "/app/partner/instances/users/create", user)["id"].(string)
	return f
}

// serve runs one in-process request; auth "" means the fixture's token.
func (f *fuzzFixture) serve(method, path, query, contentType, auth, body string) (*httptest.ResponseRecorder, bool) {
	req, err := http.NewRequest(method, "http://emulator.test"+path, strings.NewReader(body))
	if err != nil {
		return nil, false
	}
	req.URL.RawQuery = query
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth == "" {
		auth = "access_token " + f.token
	}
	req.Header.Set("Authorization", auth)
	rec := httptest.NewRecorder()
	f.mux.ServeHTTP(rec, req)
	return rec, true
}

func (f *fuzzFixture) mustJSON(t *testing.T, method, path string, form url.Values) map[string]any {
	rec, _ := f.serve(method, path, "", "application/x-www-form-urlencoded", "", form.Encode())
	var out map[string]any
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &out) != nil {
		t.Fatalf("fixture %s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	return out
}

// checkTypedAnswer fails unless the answer is a 2xx JSON document or a 4xx
// with the ErrorJson body {"error","error_description"}.
func checkTypedAnswer(t *testing.T, what string, rec *httptest.ResponseRecorder) {
	t.Helper()
	body := rec.Body.Bytes()
	switch {
	case rec.Code >= 200 && rec.Code < 300:
		if !json.Valid(body) {
			t.Fatalf("%s: %d with a body that is not JSON: %q", what, rec.Code, body)
		}
	case rec.Code >= 400 && rec.Code < 500:
		var e map[string]any
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatalf("%s: %d not JSON: %q", what, rec.Code, body)
		}
		code, _ := e["error"].(string)
		desc, _ := e["error_description"].(string)
		if code == "" || desc == "" || len(e) != 2 {
			t.Fatalf("%s: %d without the ErrorJson shape: %q", what, rec.Code, body)
		}
	default:
		t.Fatalf("%s: status %d: %q", what, rec.Code, body)
	}
}

// FuzzCyrismaFormRequest sends arbitrary query strings, Content-Types,
// Authorization headers and bodies to every Cyrisma route, with an
// arbitrary path segment, against a fresh service holding an instance and
// a user. Every answer must be 2xx JSON or a 4xx ErrorJson, never a panic
// nor a 5xx.
func FuzzCyrismaFormRequest(f *testing.F) {
	const form = "application/x-www-form-urlencoded"
	login := url.Values{"grant_type": {"password"}, "username": {DemoAPIKey}, "password": {DemoAPISecret}}.Encode()
	f.Add(uint8(0), "", "", form, "", login)
	f.Add(uint8(0), "", "", form, "", "GrantType=refresh_token&RefreshToken=abc")
	f.Add(uint8(1), "", "", "", "", login)
	f.Add(uint8(2), "", "instance_id="+RootInstance, "", "", "")
	f.Add(uint8(4), "", "", form, "", url.Values{"instance_type": {"organization"}, "is_consulting": {"false"},
		"parent_instance_id": {RootInstance}, "name": {"A"}, "short_name": {"a"}, "country": {"US"},
		"email": {"a@b.c"}, "mfa_type": {"2"}, "tenant_id": {"t"}, "state": {"CA"}}.Encode())
	f.Add(uint8(5), "", "", form, "", "instance_id=")
	f.Add(uint8(9), "", "", form, "", "instance_id="+RootInstance+"&mfa_type=1")
	f.Add(uint8(10), "", "", form, "", "instance_id="+RootInstance+"&username=u&first_name=F&last_name=L")
	f.Add(uint8(13), "", "", form, "", "user_id=nope")
	f.Add(uint8(12), "", "", "", "", "")
	f.Add(uint8(3), "nope", "", "", "access_token nope", "")
	f.Add(uint8(6), "", "", "application/json", "", `{"instance_id":"x"}`)
	f.Fuzz(func(t *testing.T, route uint8, seg, query, contentType, auth, body string) {
		fx := newFuzzFixture(t)
		r := fuzzRoutes[int(route)%len(fuzzRoutes)]
		target := strings.NewReplacer("{instance}", fx.instance, "{user}", fx.user).Replace(r.path)
		if i := strings.Index(r.path, "{"); i >= 0 && seg != "" {
			target = r.path[:i] + url.PathEscape(seg)
		}
		if muxCleans(target) {
			t.Skip("ServeMux answers paths it cleans by itself")
		}
		rec, ok := fx.serve(r.method, target, query, contentType, auth, body)
		if !ok {
			t.Skip("not a valid request")
		}
		checkTypedAnswer(t, r.method+" "+target, rec)
	})
}

// muxCleans reports whether ServeMux would clean the unescaped form of p (a
// segment that unescapes to "." or "..", or to something holding "/" that
// makes an empty segment): the mux then answers by itself, with a redirect
// or its plain-text 404, before any emulator code runs.
func muxCleans(p string) bool {
	u, err := url.PathUnescape(p)
	return err != nil || path.Clean(u) != u
}
