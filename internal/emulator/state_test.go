package emulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// send performs one request with an optional raw Authorization header and
// decodes a JSON object answer.
func (c *client) send(method, path, contentType, body, auth string) reply {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := reply{status: res.StatusCode, header: res.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &r.body)
	return r
}

// must fails the test unless r has status want.
func must(t *testing.T, what string, r reply, want int) reply {
	t.Helper()
	if r.status != want {
		t.Fatalf("%s: %d %s", what, r.status, r.raw)
	}
	return r
}

// cyrismaToken logs in to Cyrisma and returns the access and refresh tokens.
func (c *client) cyrismaToken(env map[string]string) (access, refresh string) {
	c.t.Helper()
	v := url.Values{"grant_type": {"password"}, "username": {env["CYRISMA_API_KEY"]}, "password": {env["CYRISMA_API_SECRET"]}}
	r := must(c.t, "cyrisma login", c.send("POST", "/app/partner/login", formCT, v.Encode(), ""), 200)
	return r.body["access_token"].(string), r.body["refresh_token"].(string)
}

// syneriseToken logs in with the Synerise API key.
func (c *client) syneriseToken(env map[string]string) string {
	c.t.Helper()
	r := must(c.t, "synerise login", c.send("POST", "/uauth/v2/auth/login/profile", "application/json",
		`{"apiKey":"`+env["SYNERISE_API_KEY"]+`"}`, ""), 200)
	return r.body["token"].(string)
}

func TestStateHoldsEveryObject(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	env := ts.Env()

	// Cryptr: an organization with objects, deleted, then its domain reused.
	tok := c.cryptrToken(env)
	must(t, "create org", c.do("POST", "/api/v2/organizations", formCT, "name=Acme&allowed_email_domains[]=acme.com", tok), 201)
	must(t, "admin", c.do("POST", "/api/v2/org/acme/admins", formCT, "email=boss@acme.com", tok), 201)
	must(t, "user", c.do("POST", "/api/v2/org/acme/users", formCT, "email=jo@acme.com&profile[given_name]=Jo", tok), 201)
	ds := must(t, "dir sync", c.do("POST", "/api/v2/org/acme/directory-sync", "", "", tok), 201)
	must(t, "sso", c.do("POST", "/api/v2/org/acme/sso-connection", formCT, "provider_type=saml.okta", tok), 201)
	must(t, "delete org", c.do("DELETE", "/api/v2/organizations/acme", "", "", tok), 200)
	must(t, "recreate org", c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok), 201)
	hook := must(t, "webhook", c.do("POST", "/api/v2/webhooks", formCT,
		"name=h&target_url=https://hooks.example/x&event_codes[]=all", tok), 201)
	must(t, "redirect", c.do("POST", "/api/v2/redirect-uris", formCT, "uri=https://acme.com/cb&default=true", tok), 201)

	// Cyrisma: an instance, suspended, with a disabled user.
	access, _ := c.cyrismaToken(env)
	auth := "access_token " + access
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	v := url.Values{"instance_type": {"organization"}, "is_consulting": {"false"}, "parent_instance_id": {root},
		"name": {"Client A"}, "short_name": {"CA"}, "country": {"FR"}, "email": {"a@client.example"}}
	inst := must(t, "instance", c.send("POST", "/app/partner/instances/create", formCT, v.Encode(), auth), 200)
	id := inst.body["instance_id"].(string)
	v = url.Values{"instance_id": {id}, "username": {"jo"}, "first_name": {"Jo"}, "last_name": {"Doe"}}
	u := must(t, "cyrisma user", c.send("POST", "/app/partner/instances/users/create", formCT, v.Encode(), auth), 200)
	must(t, "disable", c.send("PATCH", "/app/partner/users/disable", formCT, "user_id="+u.body["id"].(string), auth), 200)
	must(t, "suspend", c.send("PATCH", "/app/partner/instances/suspend", formCT, "instance_id="+id, auth), 200)

	// Synerise: an IP allowlist.
	must(t, "ip policy", c.send("POST", "/uauth/settings/user-bp-ip-policy", "application/json",
		`{"enabled":true,"ipPolicy":["10.0.0.0/8"]}`, "Bearer "+c.syneriseToken(env)), 200)

	st := ts.Server.State()
	orgs := st.Cryptr.Organizations
	if len(orgs) != 2 || orgs[0].Domain != "acme" || orgs[1].Domain != "acme" ||
		!orgs[0].Deleted || orgs[0].Status != "deleted" || orgs[1].Deleted || orgs[1].Status != "up" {
		t.Fatalf("organizations = %+v", orgs)
	}
	old := orgs[0]
	if len(old.Admins) != 1 || old.Admins[0].Email != "boss@acme.com" || len(old.Users) != 1 ||
		old.Users[0].Profile["given_name"] != "Jo" || old.Users[0].Environment != "sandbox" ||
		len(old.DirectorySyncs) != 1 || old.DirectorySyncs[0].Token != ds.body["auth_secret_token"].(map[string]any)["value"] ||
		old.SSOConnection == nil || old.SSOConnection.ProviderType != "saml.okta" ||
		!slices.Equal(old.AllowedEmailDomains, []string{"acme.com"}) {
		t.Errorf("deleted organization = %+v", old)
	}
	if len(orgs[1].Admins) != 0 || orgs[1].SSOConnection != nil {
		t.Errorf("objects came back with the domain: %+v", orgs[1])
	}
	if len(st.Cryptr.Webhooks) != 1 || st.Cryptr.Webhooks[0].SignatureKey != hook.body["signature_key"] ||
		len(st.Cryptr.RedirectURIs) != 1 || !st.Cryptr.RedirectURIs[0].Default || len(st.Cryptr.APIKeys) != 2 {
		t.Errorf("cryptr account objects = %+v", st.Cryptr)
	}

	insts := st.Cyrisma.Instances
	if len(insts) != 2 {
		t.Fatalf("instances = %+v", insts)
	}
	for _, in := range insts {
		switch in.InstanceID {
		case root:
			if !in.Root || !in.Enabled || in.Name != "TenantOps MSP" {
				t.Errorf("root = %+v", in)
			}
		case id:
			if in.Enabled || !in.Provisioned || in.ParentID != root || in.Country != "FR" ||
				len(in.Users) != 1 || in.Users[0].Enabled || in.Users[0].Username != "jo" {
				t.Errorf("instance = %+v", in)
			}
		}
	}
	if insts[0].InstanceID > insts[1].InstanceID {
		t.Error("instances are not sorted by id")
	}

	ws := st.Synerise.Workspaces
	if len(ws) != 2 || len(st.Synerise.Users) != 2 || len(st.Synerise.APIKeys) != 1 {
		t.Fatalf("synerise = %+v", st.Synerise)
	}
	for _, w := range ws {
		on := w.UUID == env["SYNERISE_WORKSPACE_UUID"]
		if w.IPAllowlist.Enabled != on || (on && !slices.Equal(w.IPAllowlist.IPPolicy, []string{"10.0.0.0/8"})) {
			t.Errorf("workspace %+v", w)
		}
	}

	// The admin route answers the same, in snake_case, and is not counted.
	before := ts.Server.RequestCounts().Total
	r := must(t, "GET state", c.do("GET", "/_emulator/state", "", "", ""), 200)
	var viaAPI, direct emulator.State
	raw, _ := json.Marshal(ts.Server.State())
	if err := json.Unmarshal([]byte(r.raw), &viaAPI); err != nil || json.Unmarshal(raw, &direct) != nil {
		t.Fatalf("decode state: %v", err)
	}
	if !reflect.DeepEqual(viaAPI, direct) {
		t.Errorf("GET /_emulator/state differs from State()")
	}
	for _, key := range []string{`"organizations":`, `"directory_syncs":`, `"instances":`, `"ip_allowlist":`, `"short_name":`} {
		if !strings.Contains(r.raw, key) {
			t.Errorf("state JSON lacks %s", key)
		}
	}
	if after := ts.Server.RequestCounts().Total; after != before {
		t.Errorf("GET /_emulator/state was counted")
	}
}

func TestStateOfAFreshServer(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	r := must(t, "GET state", c.do("GET", "/_emulator/state", "", "", ""), 200)
	for _, want := range []string{`"organizations":[]`, `"webhooks":[]`, `"redirect_uris":[]`, `"webhook_events":[]`} {
		if !strings.Contains(r.raw, want) {
			t.Errorf("fresh state lacks %s: %s", want, r.raw)
		}
	}
	st := ts.Server.State()
	if len(st.Cyrisma.Instances) != 1 || !st.Cyrisma.Instances[0].Root || len(st.Synerise.Workspaces) != 2 {
		t.Errorf("seeded fixtures missing: %+v", st)
	}
}

func TestIssuedSecrets(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	env := ts.Env()
	has := func(v string) bool { return slices.Contains(ts.Server.IssuedSecrets(), v) }
	for _, k := range []string{"CRYPTR_CLIENT_SECRET", "CYRISMA_API_KEY", "CYRISMA_API_SECRET", "SYNERISE_API_KEY",
		"SYNERISE_PASSWORD", "SYNERISE_MFA_TOTP_SECRET"} {
		if !has(env[k]) {
			t.Errorf("seeded %s missing", k)
		}
	}
	f := ts.Server.Fixtures()
	if !has(f.CryptrProductionClientSecret) || !has(f.SyneriseNoMFAPassword) {
		t.Error("seeded fixture secrets missing")
	}
	tok := c.cryptrToken(env)
	access, refresh := c.cyrismaToken(env)
	wsTok := c.syneriseToken(env)
	for name, v := range map[string]string{"cryptr": tok, "cyrisma access": access, "cyrisma refresh": refresh, "synerise": wsTok} {
		if !has(v) {
			t.Errorf("%s token missing from IssuedSecrets", name)
		}
	}
	must(t, "org", c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok), 201)
	ds := must(t, "dir sync", c.do("POST", "/api/v2/org/acme/directory-sync", "", "", tok), 201)
	reset := must(t, "reset", c.do("POST", "/api/v2/org/acme/directory-sync/reset-token", "", "", tok), 200)
	hook := must(t, "webhook", c.do("POST", "/api/v2/webhooks", formCT,
		"name=h&target_url=https://hooks.example/x&event_codes[]=all", tok), 201)
	value := func(r reply) string { return r.body["auth_secret_token"].(map[string]any)["value"].(string) }
	for name, v := range map[string]string{"first SCIM token": value(ds), "reset SCIM token": value(reset),
		"signature key": hook.body["signature_key"].(string)} {
		if !has(v) {
			t.Errorf("%s missing from IssuedSecrets", name)
		}
	}
	secrets := ts.Server.IssuedSecrets()
	if len(slices.Compact(slices.Sorted(slices.Values(secrets)))) != len(secrets) {
		t.Error("IssuedSecrets has duplicates")
	}
}

func TestTokensMinted(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	env := ts.Env()
	if got := ts.Server.TokensMinted(); got["cryptr"] != 0 || got["cyrisma"] != 0 || got["synerise"] != 0 {
		t.Fatalf("a fresh server minted %v", got)
	}
	c.cryptrToken(env)
	c.cryptrToken(env)
	c.cyrismaToken(env)
	c.syneriseToken(env)
	if got := ts.Server.TokensMinted(); got["cryptr"] != 2 || got["cyrisma"] != 1 || got["synerise"] != 1 {
		t.Fatalf("TokensMinted = %v, want cryptr 2, cyrisma 1, synerise 1", got)
	}
}
