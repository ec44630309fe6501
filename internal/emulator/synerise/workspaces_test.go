package synerise

import (
	"net/http"
	"testing"
	"time"
)

const mfaPath = "/uauth/auth/login/user/mfa/verification?mfaType=TOTP_AUTHENTICATOR"

// selectPath is the workspace selection path for guid.
func selectPath(guid string) string { return "/uauth/auth/login/user/profile/" + guid }

// current fetches the current workspace with tok.
func (h *harness) current(tok string) currentResponse {
	h.t.Helper()
	status, b := h.do("GET", "/uauth/business-profile/current", tok, nil)
	if status != http.StatusOK {
		h.t.Fatalf("current: %d %s", status, b)
	}
	var out currentResponse
	decode(h.t, b, &out)
	return out
}

func TestNoMFAUserFlow(t *testing.T) {
	h := newHarness(t, Options{})
	login := h.userLogin(NoMFAUsername, NoMFAPassword)
	if login.MFAMethods == nil || len(*login.MFAMethods) != 0 || login.Consumer.Type != "USER" ||
		login.Consumer.BusinessProfileID != nil || login.Consumer.Roles != "-2" || login.Consumer.Name != NoMFAUsername ||
		login.Consumer.Authorities == nil || len(login.Consumer.Authorities) != 0 {
		t.Fatalf("login %+v", login)
	}
	if cur := h.current(login.Token); cur.Selected || cur.Data != nil {
		t.Fatalf("unselected current %+v", cur)
	}
	for _, path := range []string{"/uauth/business-profile", "/uauth/business-profile/"} {
		status, b := h.do("GET", path, login.Token, nil)
		var list []workspaceItem
		decode(t, b, &list)
		if status != 200 || len(list) != 2 || list[0].BusinessProfileGUID != WorkspaceUUID || list[1].BusinessProfileGUID != SecondWorkspace {
			t.Fatalf("%s: %d %s", path, status, b)
		}
		if _, err := time.Parse(time.RFC3339, list[0].Created); err != nil || list[0].Created[len(list[0].Created)-1] != 'Z' {
			t.Fatalf("created %q", list[0].Created)
		}
	}
	status, b := h.do("POST", selectPath(SecondWorkspace), login.Token, nil)
	if status != 200 {
		t.Fatalf("select: %d %s", status, b)
	}
	var sel userLoginResponse
	decode(t, b, &sel)
	if sel.MFAMethods != nil || sel.Consumer.BusinessProfileID == nil || *sel.Consumer.BusinessProfileID != 3102 ||
		sel.Consumer.Roles != "DEVELOPER" || len(sel.Consumer.Authorities) == 0 {
		t.Fatalf("select body %s", b)
	}
	cur := h.current(sel.Token)
	if !cur.Selected || cur.Data.BusinessProfileGUID != SecondWorkspace || cur.Data.ID != 3102 ||
		cur.Data.IPRestriction != "OFF" || cur.Data.MFARestriction != "OFF" || cur.Data.Name != "TenantOps Staging" {
		t.Fatalf("current %+v", cur.Data)
	}
	// A workspace-scoped user token can still list and switch workspace.
	if status, _ := h.do("GET", "/uauth/business-profile/", sel.Token, nil); status != 200 {
		t.Fatalf("list with selected token: %d", status)
	}
	status, b = h.do("POST", selectPath(WorkspaceUUID), sel.Token, nil)
	if status != 200 || !h.current(tokenOf(t, b)).Selected {
		t.Fatalf("switch: %d %s", status, b)
	}
	status, b = h.do("POST", selectPath("00000000-0000-4000-8000-000000000000"), login.Token, nil)
	expectError(t, status, b, 404, selectPath("00000000-0000-4000-8000-000000000000"))
	// MFA verification is meaningless for a user without MFA.
	status, b = h.do("POST", mfaPath, login.Token, map[string]string{"verificationCode": "123456"})
	expectError(t, status, b, 400, "/uauth/auth/login/user/mfa/verification")
}

func TestMFAUserFlow(t *testing.T) {
	h := newHarness(t, Options{})
	login := h.userLogin(MFAUsername, MFAPassword)
	if login.MFAMethods == nil || len(*login.MFAMethods) != 1 || (*login.MFAMethods)[0] != "TOTP_AUTHENTICATOR" {
		t.Fatalf("mfaMethods %+v", login.MFAMethods)
	}
	pre := login.Token
	for _, tc := range []struct{ method, path string }{
		{"GET", "/uauth/business-profile/"},
		{"GET", "/uauth/business-profile/current"},
		{"POST", selectPath(WorkspaceUUID)},
	} {
		status, b := h.do(tc.method, tc.path, pre, nil)
		expectError(t, status, b, 403, tc.path)
	}
	const verifyPath = "/uauth/auth/login/user/mfa/verification"
	for _, tc := range []struct {
		name   string
		path   string
		body   any
		status int
	}{
		{"wrong code", mfaPath, map[string]string{"verificationCode": "000000"}, 401},
		{"missing code", mfaPath, map[string]string{}, 400},
		{"missing mfaType", verifyPath, map[string]string{"verificationCode": "000000"}, 400},
		{"email mfaType", verifyPath + "?mfaType=EMAIL", map[string]string{"verificationCode": "000000"}, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b := h.do("POST", tc.path, pre, tc.body)
			expectError(t, status, b, tc.status, verifyPath)
		})
	}
	code, err := totpCode(MFATOTPSecret, h.clock().Add(-30*time.Second)) // previous step still accepted
	if err != nil {
		t.Fatal(err)
	}
	status, b := h.do("POST", mfaPath, pre, map[string]string{"verificationCode": code})
	if status != 200 {
		t.Fatalf("verify: %d %s", status, b)
	}
	var verified userLoginResponse
	decode(t, b, &verified)
	if verified.MFAMethods != nil || verified.Consumer.Name != MFAUsername {
		t.Fatalf("verify body %s", b)
	}
	status, b = h.do("GET", "/uauth/business-profile/", verified.Token, nil)
	if status != 200 {
		t.Fatalf("list after MFA: %d %s", status, b)
	}
	status, b = h.do("POST", selectPath(WorkspaceUUID), verified.Token, nil)
	if status != 200 {
		t.Fatalf("select after MFA: %d %s", status, b)
	}
	var sel userLoginResponse
	decode(t, b, &sel)
	if *sel.Consumer.BusinessProfileID != 3101 || sel.Consumer.Roles != "ADMIN" {
		t.Fatalf("select body %s", b)
	}
	if cur := h.current(sel.Token); !cur.Selected || cur.Data.BusinessProfileGUID != WorkspaceUUID {
		t.Fatalf("current %+v", cur)
	}
	// The harness helper uses the current code.
	if cur := h.current(h.mfaToken()); cur.Selected {
		t.Fatal("verified token should have no selection")
	}
}

func TestWorkspaceTokenScope(t *testing.T) {
	h := newHarness(t, Options{})
	ws := h.apiKeyToken("/uauth/v2/auth/login/profile")
	for _, tc := range []struct{ method, path string }{
		{"GET", "/uauth/business-profile/"},
		{"GET", "/uauth/business-profile"},
		{"POST", selectPath(WorkspaceUUID)},
	} {
		status, b := h.do(tc.method, tc.path, ws, nil)
		expectError(t, status, b, 403, tc.path)
	}
	status, b := h.do("POST", mfaPath, ws, map[string]string{"verificationCode": "000000"})
	expectError(t, status, b, 403, "/uauth/auth/login/user/mfa/verification")
	if cur := h.current(ws); !cur.Selected || cur.Data.ID != 3101 {
		t.Fatalf("current %+v", cur)
	}
}

func TestPermissionCheck(t *testing.T) {
	h := newHarness(t, Options{})
	const path = "/uauth/api-key/permission-check"
	ws := h.apiKeyToken("/v4/auth/login/profile")
	status, b := h.do("POST", path, ws, []string{"CATALOGS_CATALOG_READ", "TRACKER_CREATE", "NOT_A_PERMISSION"})
	if status != 200 {
		t.Fatalf("%d %s", status, b)
	}
	var out struct {
		BusinessProfileName string          `json:"businessProfileName"`
		Permissions         map[string]bool `json:"permissions"`
	}
	decode(t, b, &out)
	if out.BusinessProfileName != "TenantOps Production" || len(out.Permissions) != 3 ||
		!out.Permissions["CATALOGS_CATALOG_READ"] || !out.Permissions["TRACKER_CREATE"] || out.Permissions["NOT_A_PERMISSION"] {
		t.Fatalf("body %s", b)
	}
	status, b = h.do("POST", path, ws, map[string]string{"not": "an array"})
	expectError(t, status, b, 400, path)
	status, b = h.do("POST", path, h.mfaToken(), []string{"TRACKER_CREATE"})
	expectError(t, status, b, 403, path)
	status, b = h.do("POST", path, "", []string{"TRACKER_CREATE"})
	expectError(t, status, b, 401, path)
}
