package emulator_test

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// dumpState answers GET /_emulator/state, raw.
func dumpState(t *testing.T, c *client) string {
	t.Helper()
	return must(t, "GET state", c.do("GET", "/_emulator/state", "", "", ""), 200).raw
}

// cryptrKeyToken gets a Cryptr token for an API key.
func (c *client) cryptrKeyToken(id, secret string) string {
	c.t.Helper()
	v := url.Values{"client_id": {id}, "client_secret": {secret}, "grant_type": {"client_credentials"},
		"tenant_domain": {"tenantops-demo"}}
	return must(c.t, "cryptr token", c.do("POST", "/api/v2/oauth/token", formCT, v.Encode(), ""), 200).body["access_token"].(string)
}

// buildRichCryptr creates every kind of Cryptr object, in both
// environments, through the API.
func buildRichCryptr(t *testing.T, ts *emulator.TestServer, c *client) {
	f := ts.Server.Fixtures()
	sb, prod := c.cryptrToken(ts.Env()), c.cryptrKeyToken(f.CryptrProductionClientID, f.CryptrProductionClientSecret)
	post := func(what, method, path, body, tok string, want int) reply {
		t.Helper()
		return must(t, what, c.do(method, path, formCT, body, tok), want)
	}
	const org = "/api/v2/org/acme-industries/"
	post("org", "POST", "/api/v2/organizations", "name=Acme Industries&allowed_email_domains[]=acme.com&allowed_email_domains[]=acme.io", sb, 201)
	post("sso", "POST", org+"sso-connection", "provider_type=saml.okta&number_users_provisioning_limit=50&users_access_policy=only_registered_users", sb, 201)
	post("sso metadata", "PUT", org+"sso-connection", "metadata="+url.QueryEscape(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>`), sb, 200)
	post("dir sync", "POST", org+"directory-sync", "", sb, 201)
	post("prod dir sync", "POST", org+"directory-sync", "", prod, 201)
	post("prod dir sync off", "PUT", org+"directory-sync", "active=false", prod, 200)
	post("password", "POST", org+"password-connection", "plain_text_min_length=12&forgot_password_template_id=7c0e2f5a-1b3d-4e6f-8a9b-0c1d2e3f4a5b", sb, 201)
	post("magic link", "PUT", org+"magic-link-connection", "find_or_create_user=true&active=false", sb, 200)
	post("totp", "PUT", org+"totp-connection", "method=sms&active=true", sb, 200)
	post("admin", "POST", org+"admins", "email=boss@acme.com", sb, 201)
	post("admin 2", "POST", org+"admins", "email=Ann@acme.com", sb, 201)
	u := post("user", "POST", org+"users", "email=jo@acme.com&phone_number=%2B33123456789&profile[given_name]=Jo&profile[gender]=female&address[country]=FR", sb, 201)
	post("metadata", "PUT", org+"users/"+u.body["id"].(string)+"/add-metadata", "key=team&value=ops", sb, 200)
	post("prod user", "POST", org+"users", "email=jo@acme.com", prod, 201)
	post("beta", "POST", "/api/v2/organizations", "name=Beta", sb, 201)
	post("beta admin", "POST", "/api/v2/org/beta/admins", "email=old@beta.example", sb, 201)
	post("delete beta", "DELETE", "/api/v2/organizations/beta", "", sb, 200)
	post("beta again", "POST", "/api/v2/organizations", "name=Beta", sb, 201)
	post("gamma", "POST", "/api/v2/organizations", "name=Gamma", sb, 201)
	post("delete gamma", "DELETE", "/api/v2/organizations/gamma", "", sb, 200)
	post("hook", "POST", "/api/v2/webhooks", "name=audit&target_url=https://hooks.example/a&event_codes[]=dir_sync.all&event_codes[]=sso_saml.tokens_generated", sb, 201)
	post("prod hook", "POST", "/api/v2/webhooks", "name=all&target_url=https://hooks.example/b&event_codes[]=all", prod, 201)
	post("event", "POST", "/api/v2/webhook-events/trigger-test", "event_code=dir_sync.activate.success", sb, 200)
	post("event 2", "POST", "/api/v2/webhook-events/trigger-test", "event_code=dir_sync.user.provision.success", prod, 200)
	post("cancel", "POST", "/api/v2/webhook-events/1/cancel", "", sb, 200)
	post("redirect", "POST", "/api/v2/redirect-uris", "uri=https://acme.com/cb&default=true", sb, 201)
	post("redirect 2", "POST", "/api/v2/redirect-uris", "uri=https://acme.com/other", sb, 201)
	post("prod redirect", "POST", "/api/v2/redirect-uris", "uri=https://acme.com/cb&default=true", prod, 201)
}

// buildRichCyrisma creates nested, suspended, consulting and MFA instances
// with users, and rotates the secret, through the API.
func buildRichCyrisma(t *testing.T, ts *emulator.TestServer, c *client) {
	env := ts.Env()
	access, _ := c.cyrismaToken(env)
	auth := "access_token " + access
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	create := func(parent, typ, consulting, name, short string) string {
		t.Helper()
		v := url.Values{"instance_type": {typ}, "is_consulting": {consulting}, "parent_instance_id": {parent},
			"name": {name}, "short_name": {short}, "country": {"FR"}, "email": {"it@" + short + ".example"},
			"city": {"Lyon"}, "tenant_id": {"t-" + short}}
		return must(t, "instance "+name, c.send("POST", "/app/partner/instances/create", formCT, v.Encode(), auth), 200).body["instance_id"].(string)
	}
	patch := func(what, path string, v url.Values) {
		t.Helper()
		must(t, what, c.send("PATCH", path, formCT, v.Encode(), auth), 200)
	}
	a := create(root, "organization", "false", "Client A", "CA")
	create(a, "standard", "false", "Site A1", "A1")
	b := create(root, "standard", "true", "Client B", "CB")
	patch("suspend", "/app/partner/instances/suspend", url.Values{"instance_id": {b}})
	patch("mfa", "/app/partner/instances/mfa", url.Values{"instance_id": {a}, "mfa_type": {"2"}})
	patch("root mfa", "/app/partner/instances/mfa", url.Values{"instance_id": {root}, "mfa_type": {"1"}})
	for _, who := range []struct{ id, name string }{{a, "jo"}, {a, "al"}, {root, "ops"}} {
		v := url.Values{"instance_id": {who.id}, "username": {who.name}, "first_name": {"F"}, "last_name": {"L"}}
		u := must(t, "user", c.send("POST", "/app/partner/instances/users/create", formCT, v.Encode(), auth), 200)
		if who.name == "al" {
			patch("disable", "/app/partner/users/disable", url.Values{"user_id": {u.body["id"].(string)}})
		}
	}
	v := url.Values{"username": {env["CYRISMA_API_KEY"]}, "password": {env["CYRISMA_API_SECRET"]}}
	must(t, "regen-pass", c.send("POST", "/app/partner/login/regen-pass", formCT, v.Encode(), ""), 200)
}

// richSeed is what no API creates: a Synerise workspace and a Cyrisma
// instance still provisioning.
const richSeed = `{
  "cyrisma": {"instances": [{"name": "Slow", "short_name": "Slow", "provisioned": false, "ready_at": "2099-01-01T00:00:00Z"}]},
  "synerise": {"workspaces": [{"name": "Acme", "subdomain": "acme", "logo": "https://acme.example/logo.png",
    "mfa_required": true, "ip_allowlist": {"enabled": true, "enable_support_subnets": true, "ip_policy": ["10.0.0.0/8", "2001:db8::/32"]}}]}
}`

func TestSeedRoundTrip(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	if err := ts.Server.LoadSeed([]byte(richSeed)); err != nil {
		t.Fatal(err)
	}
	buildRichCryptr(t, ts, c)
	buildRichCyrisma(t, ts, c)
	must(t, "ip policy", c.send("POST", "/uauth/settings/user-bp-ip-policy", "application/json",
		`{"enabled":true,"ipPolicy":["192.0.2.1"]}`, "Bearer "+c.syneriseToken(ts.Env())), 200)
	first := dumpState(t, c)
	assertRich(t, first)

	ts2, c2 := start(t, emulator.Options{})
	if err := ts2.Server.LoadSeed([]byte(first)); err != nil {
		t.Fatalf("seeding a dump: %v", err)
	}
	if second := dumpState(t, c2); second != first {
		var a, b emulator.State
		_ = json.Unmarshal([]byte(first), &a)
		_ = json.Unmarshal([]byte(second), &b)
		t.Fatalf("the dump of the seeded server differs:\nfirst:  %s\nsecond: %s\ndeep-equal after decoding: %v",
			first, second, reflect.DeepEqual(a, b))
	}

	// The Go form round-trips too.
	ts3, c3 := start(t, emulator.Options{})
	if err := ts3.Server.Seed(ts.Server.State()); err != nil {
		t.Fatalf("Seed(State()): %v", err)
	}
	if third := dumpState(t, c3); third != first {
		t.Fatalf("Seed(State()) dump differs:\n%s\n%s", first, third)
	}
}

// assertRich fails unless the dump holds every kind of object, so that the
// round trip proves something about each.
func assertRich(t *testing.T, dump string) {
	t.Helper()
	var st emulator.State
	if err := json.Unmarshal([]byte(dump), &st); err != nil {
		t.Fatal(err)
	}
	cr := st.Cryptr
	found := map[string]bool{}
	for _, o := range cr.Organizations {
		found["deleted org"] = found["deleted org"] || o.Deleted
		if o.Domain == "acme-industries" {
			found["sso"] = o.SSOConnection != nil && o.SSOConnection.Metadata != nil
			found["dir syncs"] = len(o.DirectorySyncs) == 2
			found["password"] = o.PasswordConnection != nil && o.PasswordConnection.ForgotPasswordTemplateID != nil
			found["magic link"] = o.MagicLinkConnection != nil && !o.MagicLinkConnection.Active
			found["totp"] = o.TOTPConnection != nil && o.TOTPConnection.Method == "sms"
			found["admins"] = len(o.Admins) == 2
			found["users"] = len(o.Users) == 2 && len(o.Users[1].Metadata)+len(o.Users[0].Metadata) == 1
		}
	}
	found["webhooks"] = len(cr.Webhooks) == 2
	found["events"] = len(cr.WebhookEvents) == 2 && cr.WebhookEvents[0].State == "cancelled"
	found["redirects"] = len(cr.RedirectURIs) == 3
	found["instances"] = len(st.Cyrisma.Instances) == 5
	for _, in := range st.Cyrisma.Instances {
		found["suspended"] = found["suspended"] || !in.Enabled
		found["provisioning"] = found["provisioning"] || !in.Provisioned
		found["cyrisma users"] = found["cyrisma users"] || len(in.Users) == 2
	}
	found["secret rotated"] = st.Cyrisma.APISecret != ""
	found["workspaces"] = len(st.Synerise.Workspaces) == 3
	for _, w := range st.Synerise.Workspaces {
		found["ip allowlists"] = found["ip allowlists"] || (w.IPAllowlist.Enabled && len(w.IPAllowlist.IPPolicy) == 1)
	}
	for what, ok := range found {
		if !ok {
			t.Errorf("the state lacks %s", what)
		}
	}
	if strings.Count(dump, `"deleted":true`) != 2 {
		t.Errorf("want two deleted organizations in %s", dump)
	}
}

func TestSeedFreshDumpIsIdempotent(t *testing.T) {
	_, c := start(t, emulator.Options{})
	fresh := dumpState(t, c)
	ts2, c2 := start(t, emulator.Options{})
	if err := ts2.Server.LoadSeed([]byte(fresh)); err != nil {
		t.Fatalf("seeding a fresh dump: %v", err)
	}
	if got := dumpState(t, c2); got != fresh {
		t.Fatalf("fresh dump seeded into a fresh server:\n%s\nwant:\n%s", got, fresh)
	}
	// The demo credentials still work.
	env := ts2.Env()
	c2.cryptrToken(env)
	c2.cyrismaToken(env)
	c2.syneriseToken(env)
}

// TestSeedRoundTripShortNameReusedAfterDestroy: terraform destroy suspends
// a Cyrisma instance (the API has no delete) and a later apply creates a
// new one with the same short name; the dump of that is a seed.
func TestSeedRoundTripShortNameReusedAfterDestroy(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	access, _ := c.cyrismaToken(ts.Env())
	auth := "access_token " + access
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	create := func() string {
		t.Helper()
		v := url.Values{"instance_type": {"organization"}, "is_consulting": {"false"}, "parent_instance_id": {root},
			"name": {"Contoso"}, "short_name": {"Contoso"}, "country": {"FR"}, "email": {"it@contoso.example"}}
		return must(t, "create", c.send("POST", "/app/partner/instances/create", formCT, v.Encode(), auth), 200).body["instance_id"].(string)
	}
	old := create()
	must(t, "suspend", c.send("PATCH", "/app/partner/instances/suspend", formCT, url.Values{"instance_id": {old}}.Encode(), auth), 200)
	create()
	first := dumpState(t, c)
	var st emulator.State
	if err := json.Unmarshal([]byte(first), &st); err != nil {
		t.Fatal(err)
	}
	live, suspended := 0, 0
	for _, in := range st.Cyrisma.Instances {
		switch {
		case in.ShortName != "Contoso":
		case in.Enabled:
			live++
		default:
			suspended++
		}
	}
	if live != 1 || suspended != 1 {
		t.Fatalf("want one live and one suspended Contoso in the dump, got %d and %d:\n%s", live, suspended, first)
	}

	ts2, c2 := start(t, emulator.Options{})
	if err := ts2.Server.LoadSeed([]byte(first)); err != nil {
		t.Fatalf("seeding the dump: %v", err)
	}
	if second := dumpState(t, c2); second != first {
		t.Fatalf("the dump of the seeded server differs:\nfirst:  %s\nsecond: %s", first, second)
	}
}
