package synerise

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// keySet returns the sorted keys of the JSON object raw, joined by ",".
func keySet(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("not a JSON object: %s", raw)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ",")
}

// wantKeys fails unless the object raw has exactly the keys of want
// (written in any order, comma-separated).
func wantKeys(t *testing.T, what string, raw json.RawMessage, want string) {
	t.Helper()
	w := strings.Split(want, ",")
	slices.Sort(w)
	if got := keySet(t, raw); got != strings.Join(w, ",") {
		t.Errorf("%s keys = %s, want %s", what, got, strings.Join(w, ","))
	}
}

// field returns the member key of the JSON object raw.
func field(t *testing.T, raw json.RawMessage, key string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("not a JSON object: %s", raw)
	}
	return m[key]
}

// okBody sends a request and returns its 200 body.
func (h *harness) okBody(method, path, token string, body any) json.RawMessage {
	h.t.Helper()
	status, b := h.do(method, path, token, body)
	if status != http.StatusOK {
		h.t.Fatalf("%s %s: %d %s", method, path, status, b)
	}
	return b
}

// The keys of every answer are those of the reference
// (shared/api-reference/synerise-auth-api.txt), plus only the
// deviations written in the package doc ("Deviations from the reference").
func TestAnswerKeysAreTheDocumentedOnes(t *testing.T) {
	h := newHarness(t, Options{})
	const consumerKeys = "type,businessProfileId,name,id,authorities,roles"

	// User login: the reference's {consumer, token}, plus mfaMethods (documented deviation).
	for _, user := range [][2]string{{MFAUsername, MFAPassword}, {NoMFAUsername, NoMFAPassword}} {
		b := h.okBody("POST", "/uauth/auth/login/user", "", map[string]string{"username": user[0], "password": user[1]})
		wantKeys(t, "login", b, "consumer,token,mfaMethods")
		wantKeys(t, "login consumer", field(t, b, "consumer"), consumerKeys)
	}

	// MFA verification: exactly the reference's {consumer, token}.
	pre := h.userLogin(MFAUsername, MFAPassword).Token
	code, err := totpCode(MFATOTPSecret, h.clock())
	if err != nil {
		t.Fatal(err)
	}
	b := h.okBody("POST", mfaPath, pre, map[string]string{"verificationCode": code})
	wantKeys(t, "mfa verification", b, "consumer,token")
	wantKeys(t, "mfa consumer", field(t, b, "consumer"), consumerKeys)

	// Workspace selection: {consumer, token}.
	user := h.userLogin(NoMFAUsername, NoMFAPassword).Token
	b = h.okBody("POST", selectPath(WorkspaceUUID), user, nil)
	wantKeys(t, "select", b, "consumer,token")
	wantKeys(t, "select consumer", field(t, b, "consumer"), consumerKeys)
	selected := tokenOf(t, b)

	// Workspace list: a bare array of the reference's eight fields.
	var list []json.RawMessage
	decode(t, h.okBody("GET", "/uauth/business-profile/", user, nil), &list)
	if len(list) == 0 {
		t.Fatal("empty workspace list")
	}
	for _, item := range list {
		wantKeys(t, "workspace", item, "businessProfileGuid,logo,name,id,created,subdomain,ipRestricted,mfaRequired")
	}

	// Current workspace: {selected, data}; data null without a selection.
	b = h.okBody("GET", "/uauth/business-profile/current", selected, nil)
	wantKeys(t, "current", b, "selected,data")
	wantKeys(t, "current data", field(t, b, "data"), "id,name,logo,businessProfileGuid,created,subdomain,ipRestriction,mfaRestriction")
	b = h.okBody("GET", "/uauth/business-profile/current", user, nil)
	wantKeys(t, "current unselected", b, "selected,data")
	if d := string(field(t, b, "data")); d != "null" {
		t.Errorf("unselected current data = %s, want null", d)
	}

	// API-key login (both paths) and refresh: {token}.
	var key string
	for _, path := range []string{"/uauth/v2/auth/login/profile", "/v4/auth/login/profile"} {
		b = h.okBody("POST", path, "", map[string]string{"apiKey": DemoAPIKey})
		wantKeys(t, path, b, "token")
		key = tokenOf(t, b)
	}
	wantKeys(t, "refresh", h.okBody("GET", "/v4/auth/refresh/profile", key, nil), "token")

	// Permission check and IP policy (from the API notes).
	b = h.okBody("POST", "/uauth/api-key/permission-check", key, []string{"CATALOGS_CATALOG_READ"})
	wantKeys(t, "permission-check", b, "businessProfileName,permissions")
	wantKeys(t, "ip policy", h.okBody("GET", ipPolicyRoute, key, nil), "enabled,enableSupportSubnets,ipPolicy")

	// Errors: {timestamp, status, error, message, path}; validation adds errors[].
	status, b := h.do("GET", "/uauth/business-profile/", "", nil)
	if status != http.StatusUnauthorized {
		t.Fatalf("no token: %d %s", status, b)
	}
	wantKeys(t, "error", b, "timestamp,status,error,message,path")
	status, b = h.do("POST", ipPolicyRoute, key, map[string]any{"ipPolicy": []string{"not an address"}})
	if status != http.StatusBadRequest {
		t.Fatalf("bad policy: %d %s", status, b)
	}
	wantKeys(t, "validation error", b, "timestamp,status,error,message,path,errors")
	var errs []json.RawMessage
	decode(t, field(t, b, "errors"), &errs)
	if len(errs) != 1 {
		t.Fatalf("errors = %s", field(t, b, "errors"))
	}
	wantKeys(t, "validation error item", errs[0], "field,message,rejectedValue")
}
