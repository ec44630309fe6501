package emulator_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// checkSeedErrors runs a table of bad seeds and the error each must give,
// on one server: a seed with a problem adds nothing (see
// TestSeedErrorsAreAllReportedAndNothingIsAdded), so the cases do not
// interfere.
func checkSeedErrors(t *testing.T, cases []struct{ name, seed, want string }) {
	t.Helper()
	ts, _ := start(t, emulator.Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := ts.Server.LoadSeed([]byte(tc.seed))
			if err == nil {
				t.Fatalf("seed %s: want an error", tc.seed)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, tc.want)
			}
		})
	}
}

func TestSeedFileErrors(t *testing.T) {
	checkSeedErrors(t, []struct{ name, seed, want string }{
		{"empty", "", "seed: the file is empty"},
		{"malformed", "{\n  \"cryptr\": {\n    \"organizations\": [,]\n  }\n}", "seed: line 3, column 23: malformed JSON"},
		{"truncated", "{\n  \"cryptr\": {", "seed: line 2, column 14: malformed JSON: unexpected end of file"},
		{"trailing data", "{}\n{}", "seed: line 2, column 1: unexpected data after the top-level object"},
		{"not an object", "[]", "seed: want an object, got an array"},
		{"unknown service", `{"cyrsima": {}}`, "seed: cyrsima: unknown field"},
		{"unknown field", `{"cryptr": {"organizations": [{"name": "A"}, {"name": "B", "colour": "red"}]}}`,
			"seed: cryptr.organizations[1].colour: unknown field"},
		{"unknown nested field", `{"cryptr": {"organizations": [{"name": "A", "sso_connection": {"activ": true}}]}}`,
			"seed: cryptr.organizations[0].sso_connection.activ: unknown field"},
		{"case matters", `{"cryptr": {"organizations": [{"Name": "A"}]}}`, "seed: cryptr.organizations[0].Name: unknown field"},
		{"wrong type", `{"cryptr": {"organizations": [{"name": 1}]}}`, "seed: cryptr.organizations[0].name: want a string, got a number"},
		{"wrong container", `{"cyrisma": {"instances": {}}}`, "seed: cyrisma.instances: want an array, got an object"},
		{"not an integer", `{"synerise": {"workspaces": [{"id": 1.5}]}}`, "seed: synerise.workspaces[0].id: want an integer, got 1.5"},
		{"bad time", `{"cryptr": {"organizations": [{"name": "A", "inserted_at": "yesterday"}]}}`,
			`seed: cryptr.organizations[0] ("A"): inserted_at: must be an RFC 3339 time`},
	})
}

func TestSeedCryptrErrors(t *testing.T) {
	org := func(fields string) string {
		return `{"cryptr": {"organizations": [{"name": "Acme", ` + fields + `}]}}`
	}
	checkSeedErrors(t, []struct{ name, seed, want string }{
		{"bad domain", `{"cryptr": {"organizations": [{"name": "A"}, {"name": "B"}, {"name": "Acme", "domain": "Acme_Corp"}]}}`,
			`seed: cryptr.organizations[2] ("Acme"): domain: must be lowercase letters, digits and hyphens`},
		{"no name", `{"cryptr": {"organizations": [{"domain": "acme"}]}}`, `seed: cryptr.organizations[0] ("acme"): name: required`},
		{"duplicate domain", `{"cryptr": {"organizations": [{"name": "Acme"}, {"name": "ACME!"}]}}`,
			`seed: cryptr.organizations[1] ("ACME!"): domain: "acme" is already used by cryptr.organizations[0]`},
		{"bad email domain", org(`"allowed_email_domains": ["acme.com", "nodot"]`), `allowed_email_domains[1]: "nodot" is not a valid domain`},
		{"bad status", org(`"status": "down"`), "status: must be one of up, pending, deleted"},
		{"status and deleted disagree", org(`"status": "deleted", "deleted": false`), `deleted: must be true when status is "deleted"`},
		{"bad account", `{"cryptr": {"account_domain": "other"}}`, `seed: cryptr: account_domain: must be "tenantops-demo"`},
		{"unknown API key", `{"cryptr": {"api_keys": [{"client_id": "mine", "client_secret": "x", "environment": "sandbox"}]}}`,
			`seed: cryptr.api_keys[0] ("mine"): client_id: not one of the emulator's API keys`},
		{"bad provider type", org(`"sso_connection": {"id": "acme_1", "provider_type": "okta"}`),
			`seed: cryptr.organizations[0].sso_connection ("acme_1"): provider_type: must be "unset" or "<saml|oauth>.<provider>"`},
		{"bad policy", org(`"sso_connection": {"users_access_policy": "all"}`), "users_access_policy: is invalid: must be one of"},
		{"bad metadata", org(`"sso_connection": {"metadata": "<a>"}`), "metadata: is not well-formed XML"},
		{"bad limit", org(`"sso_connection": {"number_users_provisioning_limit": 0}`), "number_users_provisioning_limit: must be an integer greater than 0"},
		{"two directory syncs", org(`"directory_syncs": [{}, {"environment": "sandbox"}]`),
			`seed: cryptr.organizations[0].directory_syncs[1] ("sandbox"): environment: the organization already has a directory sync in sandbox`},
		{"bad environment", org(`"directory_syncs": [{"environment": "staging"}]`), "environment: must be sandbox or production"},
		{"bad password", org(`"password_connection": {"plain_text_min_length": 0}`),
			"seed: cryptr.organizations[0].password_connection: plain_text_min_length: must be greater than or equal to 1"},
		{"bad template", org(`"password_connection": {"forgot_password_template_id": "abc"}`), "forgot_password_template_id: is not a valid UUID"},
		{"bad TOTP method", org(`"totp_connection": {"method": "email"}`), "seed: cryptr.organizations[0].totp_connection: method: must be one of: sms, totp_mobile_app"},
		{"bad TOTP expiry", org(`"totp_connection": {"expiry_in_seconds": 5}`), "expiry_in_seconds: must be between 30 and 900"},
		{"admin without email", org(`"admins": [{"id": "x"}]`), "seed: cryptr.organizations[0].admins[0]: email: required"},
		{"duplicate admin", org(`"admins": [{"email": "a@acme.com"}, {"email": "A@acme.com"}]`),
			`seed: cryptr.organizations[0].admins[1] ("A@acme.com"): email: "A@acme.com" is already used by cryptr.organizations[0].admins[0]`},
		{"bad user email", org(`"users": [{"email": "jo"}]`), `users[0] ("jo"): email: is not a valid email`},
		{"duplicate user", org(`"users": [{"email": "jo@acme.com"}, {"email": "jo@acme.com", "environment": "production"}, {"email": "JO@acme.com"}]`),
			`users[2] ("JO@acme.com"): email: "JO@acme.com" is already used by cryptr.organizations[0].users[0]`},
		{"unknown profile field", org(`"users": [{"email": "jo@acme.com", "profile": {"shoe_size": "42"}}]`), "profile.shoe_size: unknown field"},
		{"bad gender", org(`"users": [{"email": "jo@acme.com", "profile": {"gender": "x"}}]`), "profile.gender: must be male or female"},
		{"bad phone", org(`"users": [{"email": "jo@acme.com", "phone_number": "0123"}]`), "phone_number: must be in E.164 format"},
		{"bad metadata key", org(`"users": [{"email": "jo@acme.com", "metadata": [{"key": "Team", "value": "x"}]}]`), "metadata[0].key: must match"},
		{"webhook without URL", `{"cryptr": {"webhooks": [{"name": "h", "event_codes": ["all"]}]}}`, `seed: cryptr.webhooks[0] ("h"): target_url: required`},
		{"unknown event code", `{"cryptr": {"webhooks": [{"name": "h", "target_url": "https://x.example", "event_codes": ["all", "nope"]}]}}`,
			`event_codes[1]: "nope" is not a known event code`},
		{"duplicate webhook id", `{"cryptr": {"webhooks": [{"id": "w1", "name": "a", "target_url": "https://x.example", "event_codes": ["all"]},
			{"id": "w1", "name": "b", "target_url": "https://x.example", "event_codes": ["all"]}]}}`,
			`seed: cryptr.webhooks[1] ("b"): id: "w1" is already used by cryptr.webhooks[0]`},
		{"event without webhook", `{"cryptr": {"webhook_events": [{"event_code": "dir_sync.activate.success"}]}}`,
			"seed: cryptr.webhook_events[0]: webhook_id: required"},
		{"event of another environment", `{"cryptr": {"webhooks": [{"id": "w1", "name": "a", "target_url": "https://x.example", "event_codes": ["all"]}],
			"webhook_events": [{"webhook_id": "w1", "environment": "production", "event_code": "dir_sync.activate.success"}]}}`,
			"webhook_events[0]: environment: must be sandbox, the environment of webhook w1"},
		{"duplicate event id", `{"cryptr": {"webhook_events": [{"id": 3, "webhook_id": "w", "event_code": "dir_sync.activate.success"},
			{"id": 3, "webhook_id": "w", "event_code": "dir_sync.activate.success"}]}}`, `webhook_events[1]: id: "3" is already used by cryptr.webhook_events[0]`},
		{"bad redirect", `{"cryptr": {"redirect_uris": [{"uri": "not a uri"}]}}`, `seed: cryptr.redirect_uris[0] ("not a uri"): uri: is not a valid absolute URI`},
		{"duplicate redirect", `{"cryptr": {"redirect_uris": [{"uri": "https://a.example/cb"}, {"uri": "https://a.example/cb"}]}}`,
			`redirect_uris[1] ("https://a.example/cb"): uri: "https://a.example/cb" is already used by cryptr.redirect_uris[0]`},
		{"two defaults", `{"cryptr": {"redirect_uris": [{"uri": "https://a.example/1", "default": true}, {"uri": "https://a.example/2", "default": true}]}}`,
			`redirect_uris[1] ("https://a.example/2"): default: sandbox already has a default redirect URI, cryptr.redirect_uris[0]`},
	})
}

func TestSeedCyrismaErrors(t *testing.T) {
	inst := func(fields string) string {
		return `{"cyrisma": {"instances": [{"name": "A", "short_name": "A", ` + fields + `}]}}`
	}
	checkSeedErrors(t, []struct{ name, seed, want string }{
		{"user without username", inst(`"users": [{"username": "jo", "first_name": "J", "last_name": "D"}, {"first_name": "J", "last_name": "D"}]`),
			"seed: cyrisma.instances[0].users[1]: username: required"},
		{"duplicate username", inst(`"users": [{"username": "jo", "first_name": "J", "last_name": "D"}, {"username": "jo", "first_name": "J", "last_name": "D"}]`),
			`seed: cyrisma.instances[0].users[1] ("jo"): username: "jo" is already used by cyrisma.instances[0].users[0]`},
		{"users of a standard instance", inst(`"instance_type": "standard", "users": [{"username": "jo", "first_name": "J", "last_name": "D"}]`),
			`seed: cyrisma.instances[0] ("A"): users: only organization instances have users`},
		{"no short name", `{"cyrisma": {"instances": [{"name": "A"}]}}`, `seed: cyrisma.instances[0] ("A"): short_name: required`},
		{"short name of a live sibling", `{"cyrisma": {"instances": [{"instance_id": "p", "name": "P", "short_name": "P"},
			{"name": "C", "short_name": "X", "parent_id": "p"}, {"name": "Gone", "short_name": "X", "parent_id": "p", "enabled": false},
			{"name": "D", "short_name": "X", "parent_id": "p"}]}}`,
			`seed: cyrisma.instances[3] ("D"): short_name: "X" is already used by cyrisma.instances[1]`},
		{"duplicate short name", `{"cyrisma": {"instances": [{"name": "A", "short_name": "X"}, {"name": "B", "short_name": "X"}]}}`,
			`seed: cyrisma.instances[1] ("B"): short_name: "X" is already used by cyrisma.instances[0]`},
		{"duplicate id", `{"cyrisma": {"instances": [{"instance_id": "i1", "name": "A", "short_name": "A"}, {"instance_id": "i1", "name": "B", "short_name": "B"}]}}`,
			`instances[1] ("B"): instance_id: "i1" is already used by cyrisma.instances[0]`},
		{"unknown parent", inst(`"parent_id": "nope"`), `seed: cyrisma.instances[0] ("A"): parent_id: no instance "nope" in the seed or the emulator`},
		{"standard parent", `{"cyrisma": {"instances": [{"instance_id": "s", "instance_type": "standard", "name": "S", "short_name": "S"},
			{"name": "B", "short_name": "B", "parent_id": "s"}]}}`, `instances[1] ("B"): parent_id: "s" is a standard instance; a parent must be an organization`},
		{"cycle", `{"cyrisma": {"instances": [{"instance_id": "a", "parent_id": "b", "name": "A", "short_name": "A"},
			{"instance_id": "b", "parent_id": "a", "name": "B", "short_name": "B"}]}}`, "parent_id: the instances' parents form a cycle"},
		{"bad hierarchy", inst(`"instance_id": "a", "hierarchy": "a"`),
			`hierarchy: must be "0b6e4f7a-3c2d-4e1f-8a9b-7c6d5e4f3a21/a" (the parent's hierarchy, then this instance's id), or left out`},
		{"second root", inst(`"root": true`), "root: only the built-in root instance"},
		{"root renamed", `{"cyrisma": {"instances": [{"instance_id": "0b6e4f7a-3c2d-4e1f-8a9b-7c6d5e4f3a21", "name": "Mine"}]}}`,
			`seed: cyrisma.instances[0] ("Mine"): name: must be left out or equal the built-in root instance's`},
		{"bad mfa", inst(`"mfa": "3"`), `mfa: must be "0", "1" or "2"`},
		{"bad type", inst(`"instance_type": "tenant"`), `instance_type: must be "organization" or "standard"`},
		{"consulting organization", inst(`"is_consulting": true`), "is_consulting: an organization instance cannot be consulting"},
		{"bad email", inst(`"email": "it"`), "email: must be an email address"},
		{"ready in the future", inst(`"ready_at": "2099-01-01T00:00:00Z"`), "ready_at: is in the future, so provisioned must be false"},
		{"other API key", `{"cyrisma": {"api_key": "mine"}}`, "seed: cyrisma: api_key: must be the emulator's API key"},
	})
}

func TestSeedSyneriseErrors(t *testing.T) {
	checkSeedErrors(t, []struct{ name, seed, want string }{
		{"no subdomain", `{"synerise": {"workspaces": [{"name": "Acme"}]}}`, `seed: synerise.workspaces[0] ("Acme"): subdomain: required`},
		{"bad subdomain", `{"synerise": {"workspaces": [{"name": "Acme", "subdomain": "-Acme"}]}}`, "subdomain: must be lowercase letters, digits and hyphens"},
		{"subdomain of a fixture", `{"synerise": {"workspaces": [{"name": "Acme", "subdomain": "tenantops-prod"}]}}`,
			`subdomain: "tenantops-prod" is already used by a workspace the emulator already holds`},
		{"id of a fixture", `{"synerise": {"workspaces": [{"name": "Acme", "subdomain": "acme", "id": 3101}]}}`, `id: "3101" is already used`},
		{"bad uuid", `{"synerise": {"workspaces": [{"uuid": "x", "name": "Acme", "subdomain": "acme"}]}}`, "uuid: must be a UUID"},
		{"fixture renamed", `{"synerise": {"workspaces": [{"uuid": "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c", "name": "Mine"}]}}`,
			`seed: synerise.workspaces[0] ("Mine"): name: must be left out or equal the emulator's workspace`},
		{"fixture twice", `{"synerise": {"workspaces": [{"uuid": "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c"}, {"uuid": "6F1D2C3B-4a5e-4f60-8b7c-9d0e1f2a3b4c"}]}}`,
			`workspaces[1] ("6F1D2C3B-4a5e-4f60-8b7c-9d0e1f2a3b4c"): uuid: "6F1D2C3B-4a5e-4f60-8b7c-9d0e1f2a3b4c" is already used by synerise.workspaces[0]`},
		{"bad IP", `{"synerise": {"workspaces": [{"name": "Acme", "subdomain": "acme", "ip_allowlist": {"ip_policy": ["10.0.0.0/8", "ten"]}}]}}`,
			"ip_allowlist.ip_policy[1]: must be an IPv4 or IPv6 address or CIDR block"},
		{"unknown user", `{"synerise": {"users": [{"id": 1, "username": "me"}]}}`, `seed: synerise.users[0] ("me"): id: not one of the emulator's users`},
		{"user workspace unknown", `{"synerise": {"users": [{"id": 10002, "workspaces": ["nope"]}]}}`, `workspaces[0]: no workspace "nope" in the seed or the emulator`},
		{"other API key", `{"synerise": {"api_keys": [{"api_key": "mine"}]}}`, "seed: synerise.api_keys[0]: api_key: not the emulator's API key"},
	})
}

func TestSeedErrorsAreAllReportedAndNothingIsAdded(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	before := dumpState(t, c)
	seed := `{"cryptr": {"organizations": [{"name": "Fine"}, {"name": "Acme", "domain": "A"}]},
		"cyrisma": {"instances": [{"name": "Fine", "short_name": "Fine"}, {"name": "B"}]},
		"synerise": {"workspaces": [{"name": "Fine", "subdomain": "fine"}, {"name": "C"}]}}`
	err := ts.Server.LoadSeed([]byte(seed))
	if err == nil {
		t.Fatal("want an error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "seed: cryptr.") || !strings.HasPrefix(lines[1], "seed: cyrisma.") ||
		!strings.HasPrefix(lines[2], "seed: synerise.") {
		t.Errorf("want one line per problem, by service:\n%v", err)
	}
	if after := dumpState(t, c); after != before {
		t.Errorf("a failed seed changed the state:\n%s", after)
	}
}

func TestSeedErrorsNeverShowSecrets(t *testing.T) {
	ts, _ := start(t, emulator.Options{})
	f := ts.Server.Fixtures()
	const wrong = "not-the-secret-Xy7"
	seed := `{"cryptr": {"api_keys": [{"client_id": "` + f.CryptrProductionClientID + `", "client_secret": "` + wrong + `"}]},
		"synerise": {"users": [{"id": 10002, "password": "` + wrong + `"}]}}`
	err := ts.Server.LoadSeed([]byte(seed))
	if err == nil || !strings.Contains(err.Error(), "client_secret: differs") || !strings.Contains(err.Error(), "password: must be left out") {
		t.Fatalf("err = %v", err)
	}
	for _, secret := range append(ts.Server.IssuedSecrets(), wrong) {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error shows a secret: %v", err)
		}
	}
}

func TestSeedAgainstExistingObjects(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	must(t, "org", c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok), 201)
	err := ts.Server.LoadSeed([]byte(`{"cryptr": {"organizations": [{"name": "Acme"}]}}`))
	if err == nil || !strings.Contains(err.Error(), `domain: "acme" is already used by an object the emulator already holds`) {
		t.Fatalf("err = %v", err)
	}
	must(t, "delete", c.do("DELETE", "/api/v2/organizations/acme", "", "", tok), 200)
	if err := ts.Server.LoadSeed([]byte(`{"cryptr": {"organizations": [{"name": "Acme", "users": [{"email": "jo@acme.com"}]}]}}`)); err != nil {
		t.Fatalf("reusing a deleted organization's domain: %v", err)
	}
	orgs := ts.Server.State().Cryptr.Organizations
	if len(orgs) != 2 || !orgs[0].Deleted || orgs[1].Deleted || len(orgs[1].Users) != 1 {
		t.Errorf("organizations = %+v", orgs)
	}
	must(t, "seeded user", c.do("GET", "/api/v2/org/acme/users/jo@acme.com", "", "", tok), 200)
}

// TestSeedShortNamesUniqueAmongLiveSiblings: a seeded instance's short
// name must differ from those of the live instances under its parent (in
// the seed or in the emulator), as the provider finds a new instance by
// short name under its parent among the live ones; suspended instances and
// instances under other parents may share it.
func TestSeedShortNamesUniqueAmongLiveSiblings(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	access, _ := c.cyrismaToken(ts.Env())
	auth := "access_token " + access
	root := ts.Server.Fixtures().CyrismaRootInstanceID
	v := url.Values{"instance_type": {"organization"}, "is_consulting": {"false"}, "parent_instance_id": {root},
		"name": {"Live"}, "short_name": {"Live"}, "country": {"FR"}, "email": {"it@live.example"}}
	must(t, "create", c.send("POST", "/app/partner/instances/create", formCT, v.Encode(), auth), 200)
	v.Set("name", "Gone")
	v.Set("short_name", "Gone")
	gone := must(t, "create", c.send("POST", "/app/partner/instances/create", formCT, v.Encode(), auth), 200).body["instance_id"].(string)
	must(t, "suspend", c.send("PATCH", "/app/partner/instances/suspend", formCT, url.Values{"instance_id": {gone}}.Encode(), auth), 200)

	err := ts.Server.LoadSeed([]byte(`{"cyrisma": {"instances": [{"name": "Again", "short_name": "Live"}]}}`))
	want := `seed: cyrisma.instances[0] ("Again"): short_name: "Live" is already used by a live instance the emulator already holds under the same parent`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
	for _, seed := range []string{
		// the root's short name, under the root
		`{"cyrisma": {"instances": [{"name": "A", "short_name": "TenantOps"}]}}`,
		// a suspended instance's short name, live or suspended
		`{"cyrisma": {"instances": [{"name": "A", "short_name": "Gone"}, {"name": "B", "short_name": "Gone", "enabled": false}]}}`,
		// a live instance's short name, suspended
		`{"cyrisma": {"instances": [{"name": "A", "short_name": "Live", "enabled": false}]}}`,
		// one short name under two parents
		`{"cyrisma": {"instances": [{"instance_id": "p", "name": "P", "short_name": "Twice"},
			{"name": "C", "short_name": "Twice", "parent_id": "p"}]}}`,
	} {
		if err := ts.Server.LoadSeed([]byte(seed)); err != nil {
			t.Errorf("seed %s: %v", seed, err)
		}
	}
}
