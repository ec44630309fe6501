package cryptr

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"testing"
)

// fuzzRoute is one write (or list) route of the fuzz target. The fuzzed
// path segment replaces the last {placeholder} of path; the others, and
// the last one when the segment is empty, take the fixture's values.
type fuzzRoute struct{ method, path string }

var fuzzRoutes = []fuzzRoute{
	{"POST", "/api/v2/oauth/token"},
	{"POST", "/oauth/token"},
	{"GET", "/api/v2/organizations"},
	{"POST", "/api/v2/organizations"},
	{"PUT", "/api/v2/organizations/{org}"},
	{"DELETE", "/api/v2/organizations/{org}"},
	{"POST", "/api/v2/org/{org}/sso-connection"},
	{"PUT", "/api/v2/org/{org}/sso-connection"},
	{"PUT", "/api/v2/sso-connections/{sso}"},
	{"GET", "/api/v2/sso-connections"},
	{"POST", "/api/v2/org/{org}/directory-sync"},
	{"PUT", "/api/v2/org/{org}/directory-sync"},
	{"POST", "/api/v2/org/{org}/directory-sync/reset-token"},
	{"POST", "/api/v2/org/{org}/password-connection"},
	{"PUT", "/api/v2/org/{org}/password-connection"},
	{"PUT", "/api/v2/org/{org}/magic-link-connection"},
	{"POST", "/api/v2/org/{org}/totp-connection"},
	{"PUT", "/api/v2/org/{org}/totp-connection"},
	{"POST", "/api/v2/org/{org}/admins"},
	{"GET", "/api/v2/org/{org}/admins"},
	{"POST", "/api/v2/org/{org}/users"},
	{"GET", "/api/v2/org/{org}/users"},
	{"GET", "/api/v2/org/{org}/users/{user}"},
	{"PUT", "/api/v2/org/{org}/users/{user}"},
	{"PUT", "/api/v2/org/{org}/users/{user}/add-metadata"},
	{"PUT", "/api/v2/org/{org}/users/{user}/remove-metadata"},
	{"GET", "/api/v2/webhooks"},
	{"POST", "/api/v2/webhooks"},
	{"PUT", "/api/v2/webhooks/{webhook}"},
	{"GET", "/api/v2/webhook-events"},
	{"POST", "/api/v2/webhook-events/trigger-test"},
	{"POST", "/api/v2/webhook-events/{event}/retry"},
	{"POST", "/api/v2/webhook-events/{event}/cancel"},
	{"GET", "/api/v2/redirect-uris"},
	{"POST", "/api/v2/redirect-uris"},
	{"PUT", "/api/v2/redirect-uris/{redirect}"},
}

// fuzzFixture is a fresh service holding one object of each kind (two
// organizations, so that lists have more than one item).
type fuzzFixture struct {
	svc    *Service
	mux    *http.ServeMux
	token  string
	values map[string]string // placeholder → value
}

func newFuzzFixture(t *testing.T) *fuzzFixture {
	f := &fuzzFixture{svc: New(Options{}), mux: http.NewServeMux(), values: map[string]string{"org": "acme", "event": "1"}}
	f.svc.Register(f.mux)
	v := url.Values{"client_id": {sandboxClientID}, "client_secret": {sandboxClientSecret},
		"grant_type": {"client_credentials"}, "tenant_domain": {accountDomain}}
	f.token = f.mustJSON(t, "POST", "/api/v2/oauth/token", v.Encode())["access_token"].(string)
	f.mustJSON(t, "POST", "/api/v2/organizations", "name=Acme")
	f.mustJSON(t, "POST", "/api/v2/organizations", "name=Beta")
	f.values["sso"] = f.mustJSON(t, "POST", "/api/v2/org/acme/sso-connection", "")["id"].(string)
	f.values["user"] = f.mustJSON(t, "POST", "/api/v2/org/acme/users", "email=jo@acme.example")["id"].(string)
	f.values["webhook"] = f.mustJSON(t, "POST", "/api/v2/webhooks",
		"name=h&target_url=https://hooks.example/x&event_codes[]=all")["id"].(string)
	f.values["redirect"] = f.mustJSON(t, "POST", "/api/v2/redirect-uris", "uri=https://acme.example/cb")["id"].(string)
	f.mustJSON(t, "POST", "/api/v2/webhook-events/trigger-test", "event_code=dir_sync.user.create.success")
	return f
}

// serve runs one in-process request with the fixture's token.
func (f *fuzzFixture) serve(method, path, query, contentType, body string) (*httptest.ResponseRecorder, bool) {
	req, err := http.NewRequest(method, "http://emulator.test"+path, strings.NewReader(body))
	if err != nil {
		return nil, false
	}
	req.URL.RawQuery = query
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", "Bearer "+f.token)
	rec := httptest.NewRecorder()
	f.mux.ServeHTTP(rec, req)
	return rec, true
}

func (f *fuzzFixture) mustJSON(t *testing.T, method, path, form string) map[string]any {
	rec, _ := f.serve(method, path, "", formCT, form)
	var out map[string]any
	if rec.Code/100 != 2 || json.Unmarshal(rec.Body.Bytes(), &out) != nil {
		t.Fatalf("fixture %s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	return out
}

// path fills route's placeholders, the last one with seg when it is set.
func (f *fuzzFixture) path(route fuzzRoute, seg string) string {
	parts := strings.Split(route.path, "/")
	last := -1
	for i, p := range parts {
		if strings.HasPrefix(p, "{") {
			parts[i], last = f.values[strings.Trim(p, "{}")], i
		}
	}
	if last >= 0 && seg != "" {
		parts[last] = url.PathEscape(seg)
	}
	return strings.Join(parts, "/")
}

// checkTypedAnswer fails unless the answer is a 2xx JSON document or a 4xx
// with the Cryptr error envelope {"error":{"type","message","doc_urls"}}.
func checkTypedAnswer(t *testing.T, what string, rec *httptest.ResponseRecorder) {
	t.Helper()
	body := rec.Body.Bytes()
	switch {
	case rec.Code >= 200 && rec.Code < 300:
		if !json.Valid(body) {
			t.Fatalf("%s: %d with a body that is not JSON: %q", what, rec.Code, body)
		}
	case rec.Code >= 400 && rec.Code < 500:
		var e struct {
			Error *struct {
				Type    string   `json:"type"`
				Message string   `json:"message"`
				DocURLs []string `json:"doc_urls"`
			} `json:"error"`
		}
		if err := json.Unmarshal(body, &e); err != nil || e.Error == nil || e.Error.Type == "" ||
			e.Error.Message == "" || e.Error.DocURLs == nil {
			t.Fatalf("%s: %d without the typed error envelope: %q", what, rec.Code, body)
		}
	default:
		t.Fatalf("%s: status %d: %q", what, rec.Code, body)
	}
}

// FuzzCryptrFormRequest sends arbitrary query strings and form, JSON or
// multipart bodies to the Cryptr routes that parse parameters, with an
// arbitrary path segment, against a fresh service holding one object of
// each kind. Every answer must be 2xx JSON or a typed 4xx error, never a
// panic nor a 5xx.
func FuzzCryptrFormRequest(f *testing.F) {
	f.Add(uint8(3), "", "", formCT, "name=Acme+Corp&allowed_email_domains[]=acme.com")
	f.Add(uint8(3), "", "", "application/json", `{"name":"Beta","allowed_email_domains":["beta.io"]}`)
	f.Add(uint8(4), "", "", formCT, "name=Acme&allowed_email_domains[]=")
	f.Add(uint8(2), "", "page=3&per_page=1&q[environments_status_in][]=up", "", "")
	f.Add(uint8(2), "", "page=2&per_page=5", "", "") // once a panic: a page past the end but <= total
	f.Add(uint8(7), "", "", formCT, "metadata=%3Cm%3E%3C%2Fm%3E&number_users_provisioning_limit=5&users_access_policy=provision_new_users")
	f.Add(uint8(14), "", "", "application/json", `{"active":true,"plain_text_min_length":10,"forgot_password_template_id":""}`)
	f.Add(uint8(17), "", "", formCT, "method=sms&expiry_in_seconds=120")
	f.Add(uint8(20), "", "", "application/json", `{"email":"a@b.co","profile":{"given_name":"A","address":{"country":"FR"}}}`)
	f.Add(uint8(23), "", "", formCT, "email=jo@acme.example&phone_number=%2B33123456789&address[locality]=Paris")
	f.Add(uint8(24), "", "", formCT, "key=team&value=ops")
	f.Add(uint8(27), "", "", formCT, "name=hook&target_url=http://127.0.0.1:1/h&event_codes[]=sso_saml.all")
	f.Add(uint8(30), "", "", formCT, "event_code=dir_sync.user.create.success")
	f.Add(uint8(34), "", "", formCT, "uri=myapp://callback&default=true")
	f.Add(uint8(0), "", "", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--x--\r\n")
	f.Add(uint8(22), "jo@acme.example", "", "", "")
	f.Add(uint8(5), "nope", "", "", "")
	f.Fuzz(func(t *testing.T, route uint8, seg, query, contentType, body string) {
		fx := newFuzzFixture(t)
		r := fuzzRoutes[int(route)%len(fuzzRoutes)]
		target := fx.path(r, seg)
		if muxCleans(target) {
			t.Skip("ServeMux answers paths it cleans by itself")
		}
		rec, ok := fx.serve(r.method, target, query, contentType, body)
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
