package synerise

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"testing"
)

// fuzzRoutes are the Synerise routes of the fuzz target; the fuzzed path
// segment replaces {workspace} (an empty segment keeps the first
// workspace's UUID).
var fuzzRoutes = []struct{ method, path string }{
	{"POST", "/uauth/auth/login/user"},
	{"POST", "/uauth/auth/login/user/mfa/verification"},
	{"POST", "/uauth/auth/login/user/profile/{workspace}"},
	{"POST", "/uauth/v2/auth/login/profile"},
	{"POST", "/v4/auth/login/profile"},
	{"GET", "/v4/auth/refresh/profile"},
	{"GET", "/uauth/business-profile"},
	{"GET", "/uauth/business-profile/current"},
	{"POST", "/uauth/api-key/permission-check"},
	{"GET", "/uauth/settings/user-bp-ip-policy"},
	{"POST", "/uauth/settings/user-bp-ip-policy"},
}

// fuzzFixture is one service (its RSA key is too slow to make per input)
// and a token of every kind: workspace, pre-MFA, user, user with a
// selected workspace.
type fuzzFixture struct {
	mux    *http.ServeMux
	tokens []string
}

func newFuzzFixture(t testing.TB) *fuzzFixture {
	svc := New(Options{})
	f := &fuzzFixture{mux: http.NewServeMux()}
	svc.Register(f.mux)
	token := func(path, auth, body string) string {
		rec := f.serve("POST", path, "", auth, body)
		var out struct {
			Token string `json:"token"`
		}
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &out) != nil || out.Token == "" {
			t.Fatalf("fixture %s: %d %s", path, rec.Code, rec.Body)
		}
		return out.Token
	}
	user := token("/uauth/auth/login/user", "", `{"username":"`+NoMFAUsername+`","password":"`+NoMFAPassword+`"}`)
	f.tokens = []string{
		token("/uauth/v2/auth/login/profile", "", `{"apiKey":"`+DemoAPIKey+`"}`),
		token("/uauth/auth/login/user", "", `{"username":"`+MFAUsername+`","password":"`+MFAPassword+`"}`),
		user,
		token("/uauth/auth/login/user/profile/"+WorkspaceUUID, "Bearer "+user, ""),
	}
	return f
}

// serve runs one in-process request with a raw Authorization header.
func (f *fuzzFixture) serve(method, target, query, auth, body string) *httptest.ResponseRecorder {
	req, err := http.NewRequest(method, "http://emulator.test"+target, strings.NewReader(body))
	if err != nil {
		return nil
	}
	req.URL.RawQuery = query
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	f.mux.ServeHTTP(rec, req)
	return rec
}

// checkTypedAnswer fails unless the answer is a 2xx JSON document or a 4xx
// with the Spring error body {"timestamp","status","error","message","path"}.
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
			Timestamp, Error, Message, Path string
			Status                          int
		}
		if err := json.Unmarshal(body, &e); err != nil || e.Timestamp == "" || e.Message == "" ||
			e.Status != rec.Code || e.Error != http.StatusText(rec.Code) || e.Path == "" {
			t.Fatalf("%s: %d without the error body shape: %q", what, rec.Code, body)
		}
	default:
		t.Fatalf("%s: status %d: %q", what, rec.Code, body)
	}
}

// FuzzSyneriseJSONRequest sends arbitrary JSON (or not) bodies, query
// strings and tokens to every Synerise route, with an arbitrary path
// segment. tokenKind picks the fixture's workspace, pre-MFA, user or
// user-with-workspace token, or none; a non-empty auth is sent as the raw
// Authorization header instead. Every answer must be 2xx JSON or a 4xx
// with the error body, never a panic nor a 5xx.
func FuzzSyneriseJSONRequest(f *testing.F) {
	fx := newFuzzFixture(f)
	f.Add(uint8(0), "", "", uint8(4), "", `{"username":"ci@tenantops.example","password":"Ci-Emulator-Pass-1","deviceId":"d"}`)
	f.Add(uint8(1), "", "mfaType=TOTP_AUTHENTICATOR", uint8(1), "", `{"verificationCode":"123456"}`)
	f.Add(uint8(2), "", "", uint8(2), "", "")
	f.Add(uint8(2), SecondWorkspace, "", uint8(3), "", "")
	f.Add(uint8(3), "", "", uint8(4), "", `{"apiKey":"`+DemoAPIKey+`"}`)
	f.Add(uint8(4), "", "", uint8(4), "", `{"apiKey":null}`)
	f.Add(uint8(5), "", "", uint8(0), "", "")
	f.Add(uint8(7), "", "", uint8(3), "", "")
	f.Add(uint8(8), "", "", uint8(0), "", `["CATALOGS_CATALOG_READ","NOPE"]`)
	f.Add(uint8(9), "", "", uint8(3), "", "")
	f.Add(uint8(10), "", "", uint8(0), "", `{"enabled":true,"enableSupportSubnets":false,"ipPolicy":["10.0.0.0/8","::1","bad"]}`)
	f.Add(uint8(6), "", "", uint8(4), "bearer x.y.z", "")
	f.Fuzz(func(t *testing.T, route uint8, seg, query string, tokenKind uint8, auth, body string) {
		r := fuzzRoutes[int(route)%len(fuzzRoutes)]
		target := strings.ReplaceAll(r.path, "{workspace}", WorkspaceUUID)
		if seg != "" {
			target = strings.ReplaceAll(r.path, "{workspace}", url.PathEscape(seg))
		}
		if muxCleans(target) {
			t.Skip("ServeMux answers paths it cleans by itself")
		}

		if i := int(tokenKind) % (len(fx.tokens) + 1); auth == "" && i < len(fx.tokens) {
			auth = "Bearer " + fx.tokens[i]
		}
		rec := fx.serve(r.method, target, query, auth, body)
		if rec == nil {
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
