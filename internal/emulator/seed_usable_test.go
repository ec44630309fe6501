package emulator_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/synerise"
)

// exampleSeed is the README's sample seed file: loading it here keeps the
// example from rotting.
const exampleSeed = "../../examples/emulator/seed.json"

// Ids the example seed fixes, as the README's imports use them.
const (
	exampleWebhookID  = "webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ"
	exampleInstanceID = "9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"
	exampleWorkspace  = "5b0e8c1a-2d3f-4e5a-9b6c-7d8e9f0a1b2c"
)

func TestSeededObjectsAreUsable(t *testing.T) {
	// Long provisioning delays: seeded objects must be usable at once anyway.
	ts, c := start(t, emulator.Options{CryptrProvisioningDelay: time.Hour, CyrismaProvisioningDelay: time.Hour})
	if err := ts.Server.LoadSeedFile(exampleSeed); err != nil {
		t.Fatal(err)
	}
	env := ts.Env()

	tok := c.cryptrToken(env)
	org := must(t, "GET org", c.do("GET", "/api/v2/organizations/acme-industries", "", "", tok), 200)
	if org.body["name"] != "Acme Industries" || org.body["status"].(map[string]any)["state"] != "terminated" {
		t.Errorf("seeded organization = %s", org.raw)
	}
	upd := must(t, "PUT org", c.do("PUT", "/api/v2/organizations/acme-industries", formCT, "name=Acme Industries Ltd", tok), 200)
	if upd.body["name"] != "Acme Industries Ltd" || upd.body["domain"] != "acme-industries" {
		t.Errorf("updated organization = %s", upd.raw)
	}
	sso := must(t, "GET sso", c.do("GET", "/api/v2/org/acme-industries/sso-connection", "", "", tok), 200)
	if sso.body["provider_type"] != "saml.okta" || sso.body["active"] != true ||
		sso.body["users_access_policy"] != "only_registered_users" || !strings.HasPrefix(sso.body["id"].(string), "acme_industries_") {
		t.Errorf("seeded SSO connection = %s", sso.raw)
	}
	must(t, "GET admin", c.do("GET", "/api/v2/org/acme-industries/admins/it@acme.com", "", "", tok), 200)
	hook := must(t, "GET webhook", c.do("GET", "/api/v2/webhooks/"+exampleWebhookID, "", "", tok), 200)
	if hook.body["__environment__"] != "sandbox" || len(hook.body["signature_key"].(string)) < 32 {
		t.Errorf("seeded webhook = %s", hook.raw)
	}
	must(t, "PUT webhook", c.do("PUT", "/api/v2/webhooks/"+exampleWebhookID, formCT, "event_codes[]=all", tok), 200)
	// The domain is taken, as if the organization had been created.
	must(t, "duplicate org", c.do("POST", "/api/v2/organizations", formCT, "name=Acme Industries", tok), 422)

	access, _ := c.cyrismaToken(env)
	auth := "access_token " + access
	got := c.send("GET", "/app/partner/instances/info/"+exampleInstanceID, "", "", auth)
	var insts []map[string]any
	if err := json.Unmarshal([]byte(got.raw), &insts); err != nil || len(insts) != 1 {
		t.Fatalf("GET instance: %d %s", got.status, got.raw)
	}
	in, root := insts[0], ts.Server.Fixtures().CyrismaRootInstanceID
	if in["short_name"] != "Contoso" || in["mfa"] != "2" || in["parent_id"] != root ||
		in["hierarchy"] != root+"/"+exampleInstanceID || !regexp.MustCompile(`^cc\d{6}\.cyrisma\.com$`).MatchString(in["url"].(string)) {
		t.Errorf("seeded instance = %v", in)
	}
	must(t, "suspend", c.send("PATCH", "/app/partner/instances/suspend", formCT, "instance_id="+exampleInstanceID, auth), 200)
	if list := c.send("GET", "/app/partner/instances/info", "", "", auth); strings.Contains(list.raw, exampleInstanceID) {
		t.Errorf("a suspended seeded instance is listed: %s", list.raw)
	}

	// A user of the demo logs in and selects the seeded workspace.
	f := ts.Server.Fixtures()
	login := must(t, "synerise login", c.send("POST", "/uauth/auth/login/user", "application/json",
		`{"username":"`+f.SyneriseNoMFAUsername+`","password":"`+f.SyneriseNoMFAPassword+`"}`, ""), 200)
	user := "Bearer " + login.body["token"].(string)
	list := must(t, "workspaces", c.send("GET", "/uauth/business-profile", "", "", user), 200)
	if !strings.Contains(list.raw, `"businessProfileGuid":"`+exampleWorkspace+`"`) || !strings.Contains(list.raw, `"subdomain":"acme-prod"`) {
		t.Errorf("the seeded workspace is not listed: %s", list.raw)
	}
	sel := must(t, "select", c.send("POST", "/uauth/auth/login/user/profile/"+exampleWorkspace, "", "", user), 200)
	pol := must(t, "ip policy", c.send("GET", "/uauth/settings/user-bp-ip-policy", "", "", "Bearer "+sel.body["token"].(string)), 200)
	if pol.body["enabled"] != true || !strings.Contains(pol.raw, `"203.0.113.0/24"`) {
		t.Errorf("seeded IP allowlist = %s", pol.raw)
	}
}

func TestSeedFillsDefaults(t *testing.T) {
	ts, _ := start(t, emulator.Options{})
	before := time.Now().UTC().Truncate(time.Second)
	if err := ts.Server.LoadSeedFile(exampleSeed); err != nil {
		t.Fatal(err)
	}
	st := ts.Server.State()
	o := st.Cryptr.Organizations[0]
	inserted, err := time.Parse(time.RFC3339, o.InsertedAt)
	if o.Domain != "acme-industries" || o.Status != "up" || err != nil || inserted.Before(before) ||
		o.UpdatedAt != o.InsertedAt || len(o.Admins) != 1 || o.Admins[0].ID == "" {
		t.Errorf("organization defaults = %+v", o)
	}
	if c := o.SSOConnection; c.ID == "" || c.SPID == "" || c.ID == c.SPID || !c.Active || c.Metadata != nil {
		t.Errorf("SSO connection defaults = %+v", c)
	}
	if h := st.Cryptr.Webhooks[0]; h.Environment != "sandbox" || h.SignatureKey == "" || !slices.Contains(ts.Server.IssuedSecrets(), h.SignatureKey) {
		t.Errorf("webhook defaults = %+v", h)
	}
	i := slices.IndexFunc(st.Cyrisma.Instances, func(in cyrisma.InstanceState) bool { return in.InstanceID == exampleInstanceID })
	if in := st.Cyrisma.Instances[i]; !in.Enabled || !in.Provisioned || in.AgentKey == "" || in.ReadyAt != "" || in.Root {
		t.Errorf("instance defaults = %+v", in)
	}
	for _, u := range st.Synerise.Users {
		if !slices.Contains(u.Workspaces, exampleWorkspace) {
			t.Errorf("user %s cannot select the seeded workspace: %v", u.Username, u.Workspaces)
		}
	}
	w := st.Synerise.Workspaces[slices.IndexFunc(st.Synerise.Workspaces, func(w synerise.WorkspaceState) bool { return w.UUID == exampleWorkspace })]
	if w.ID != 3103 || w.Created == "" || w.IPAllowlist.EnableSupportSubnets {
		t.Errorf("workspace defaults = %+v", w)
	}
}

func TestSeedProvisioningStates(t *testing.T) {
	ts, c := start(t, emulator.Options{CryptrProvisioningDelay: time.Hour, CyrismaProvisioningDelay: time.Hour})
	if err := ts.Server.LoadSeed([]byte(`{
		"cryptr": {"organizations": [{"name": "Slow", "status": "pending"}, {"name": "Old", "status": "pending", "inserted_at": "2020-01-01T00:00:00Z"}]},
		"cyrisma": {"instances": [{"instance_id": "i-slow", "name": "Slow", "short_name": "Slow", "provisioned": false}]}}`)); err != nil {
		t.Fatal(err)
	}
	tok := c.cryptrToken(ts.Env())
	for domain, want := range map[string]string{"slow": "pending", "old": "terminated"} {
		r := must(t, "GET "+domain, c.do("GET", "/api/v2/organizations/"+domain, "", "", tok), 200)
		if got := r.body["status"].(map[string]any)["state"]; got != want {
			t.Errorf("%s: state %v, want %s", domain, got, want)
		}
	}
	access, _ := c.cyrismaToken(ts.Env())
	if r := c.send("GET", "/app/partner/instances/info/i-slow", "", "", "access_token "+access); strings.TrimSpace(r.raw) != "[]" {
		t.Errorf("an instance seeded as provisioning is readable: %s", r.raw)
	}
	in := ts.Server.State().Cyrisma.Instances
	i := slices.IndexFunc(in, func(x cyrisma.InstanceState) bool { return x.InstanceID == "i-slow" })
	if in[i].Provisioned || in[i].ReadyAt == "" {
		t.Errorf("instance = %+v", in[i])
	}
}
