package cryptr

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/seedjson"
)

// seeding is a Cryptr seed being checked: the objects built from it, ready
// to be added, the natural keys already taken and the problems found.
type seeding struct {
	s        *Service
	now      time.Time
	problems seedjson.Problems

	orgs      []*seedOrg
	webhooks  []*webhook
	events    []*webhookEvent
	redirects []*redirectURI

	// Keys taken, by the service or the seed, mapped to the path of the
	// seed object holding them ("" when the service does).
	liveDomains, ssoIDs, userIDs, webhookIDs, redirectURIs, eventIDs map[string]string
	// webhookEnvs is the environment of every webhook id, for events.
	webhookEnvs map[string]string
	// defaultRedirects is the path of the seeded default redirect URI of
	// each environment.
	defaultRedirects map[string]string
}

// seedOrg is one seeded organization with the objects that belong to it.
type seedOrg struct {
	org       *organization
	sso       *ssoConnection
	dirSyncs  map[string]*directorySync // by environment
	password  *passwordConnection
	magicLink *magicLinkConnection
	totp      *totpConnection
	admins    []*admin
	users     []*user
}

// PrepareSeed checks st, the "cryptr" object of a seed file (doc is its
// JSON, which tells the fields a hand-written seed left out), against
// itself and against what the service holds. It returns every problem
// found, holding nothing; or, with the service still locked so that no
// request can change what was checked, finish: finish(true) adds the
// seeded objects, finish(false) drops them, and either unlocks the
// service (call it once). The account and its API keys are fixed: a seed
// may list them only as they are. The rules and defaults are documented
// in the emulator package's "Seed files" section.
func (s *Service) PrepareSeed(st State, doc seedjson.Node) (finish func(apply bool), err error) {
	s.mu.Lock()
	sd := s.newSeeding()
	sd.account(st, doc)
	for i, o := range st.Organizations {
		sd.organization(o, doc.Field("organizations").Index(i))
	}
	for i, h := range st.Webhooks {
		sd.webhook(h, doc.Field("webhooks").Index(i))
	}
	for i, u := range st.RedirectURIs {
		sd.redirectURI(u, doc.Field("redirect_uris").Index(i))
	}
	for i, e := range st.WebhookEvents {
		sd.webhookEvent(e, doc.Field("webhook_events").Index(i))
	}
	sd.numberEvents()
	if err := sd.problems.Err(); err != nil {
		s.mu.Unlock()
		return nil, err
	}
	return seedjson.Commit(sd.apply, sd.s.mu.Unlock), nil
}

// newSeeding starts a seeding with the keys the service holds; the caller
// holds s.mu.
func (s *Service) newSeeding() *seeding {
	sd := &seeding{
		s: s, now: s.now().UTC(),
		liveDomains: map[string]string{}, ssoIDs: map[string]string{}, userIDs: map[string]string{},
		webhookIDs: map[string]string{}, redirectURIs: map[string]string{}, eventIDs: map[string]string{},
		webhookEnvs: map[string]string{}, defaultRedirects: map[string]string{},
	}
	for d, o := range s.orgs {
		if !o.deleted {
			sd.liveDomains[d] = ""
		}
	}
	for _, c := range s.sso.conns {
		sd.ssoIDs[c.id] = ""
	}
	for _, u := range s.people.users {
		sd.userIDs[u.id] = ""
	}
	for id, h := range s.hooks.webhooks {
		sd.webhookIDs[id], sd.webhookEnvs[id] = "", h.env
	}
	for _, u := range s.sso.redirects {
		sd.redirectURIs[u.env+" "+u.uri] = ""
	}
	for _, e := range s.hooks.events {
		sd.eventIDs[eventKey(e.id)] = ""
	}
	return sd
}

// account checks the account domain and API keys, which the seed may only
// repeat.
func (sd *seeding) account(st State, doc seedjson.Node) {
	if st.AccountDomain != "" && st.AccountDomain != accountDomain {
		sd.fail(doc, "account_domain", "must be %q, the emulator's account (it cannot change)", accountDomain)
	}
	for i, k := range st.APIKeys {
		n := doc.Field("api_keys").Index(i).Labeled(k.ClientID)
		i := slices.IndexFunc(apiKeys, func(a apiKey) bool { return a.clientID == k.ClientID })
		switch {
		case k.ClientID == "":
			sd.fail(n, "client_id", "required")
		case i < 0:
			sd.fail(n, "client_id", "not one of the emulator's API keys (they are fixed: list them as GET /_emulator/state shows them, or leave them out)")
		case k.ClientSecret != "" && k.ClientSecret != apiKeys[i].secret:
			sd.fail(n, "client_secret", "differs from the built-in key's (API keys are fixed)")
		case k.Environment != "" && k.Environment != apiKeys[i].env:
			sd.fail(n, "environment", "must be %q, the built-in key's", apiKeys[i].env)
		}
	}
}

// apply adds the checked objects to the service; the caller holds s.mu,
// since the check.
func (sd *seeding) apply() {
	s := sd.s
	for _, so := range sd.orgs {
		s.addSeededOrg(so)
	}
	for _, h := range sd.webhooks {
		s.hooks.seq++
		h.seq = s.hooks.seq
		s.hooks.webhooks[h.id] = h
		s.secrets.Add(h.signatureKey)
	}
	for _, u := range sd.redirects {
		s.sso.seq++
		u.seq = s.sso.seq
		s.sso.redirects[u.id] = u
	}
	for _, u := range sd.redirects {
		s.clearOtherDefaults(u, sd.now)
	}
	s.hooks.events = append(s.hooks.events, sd.events...)
	slices.SortFunc(s.hooks.events, func(a, b *webhookEvent) int { return cmp.Compare(a.id, b.id) })
	for _, e := range sd.events {
		s.hooks.eventSeq = max(s.hooks.eventSeq, e.id)
	}
}

// addSeededOrg adds one organization and its objects; the caller holds
// s.mu. A deleted organization never hides a live one with its domain.
func (s *Service) addSeededOrg(so *seedOrg) {
	o := so.org
	s.seq++
	o.seq = s.seq
	switch cur, ok := s.orgs[o.domain]; {
	case ok && !cur.deleted && o.deleted:
		s.replaced = append(s.replaced, o)
	case ok:
		s.replaced = append(s.replaced, cur)
		s.orgs[o.domain] = o
	default:
		s.orgs[o.domain] = o
	}
	if c := so.sso; c != nil {
		s.sso.seq++
		c.seq, c.org = s.sso.seq, o
		s.sso.conns[o.seq] = c
	}
	for env, d := range so.dirSyncs {
		s.conns.dirSyncs[dirSyncKey{o.seq, env}] = d
		s.secrets.Add(d.token)
	}
	if so.password != nil {
		s.conns.passwords[o.seq] = so.password
	}
	if so.magicLink != nil {
		s.conns.magicLinks[o.seq] = so.magicLink
	}
	if so.totp != nil {
		s.conns.totps[o.seq] = so.totp
	}
	for _, a := range so.admins {
		a.orgSeq = o.seq
		s.people.admins = append(s.people.admins, a)
	}
	for _, u := range so.users {
		u.orgSeq = o.seq
		s.people.users = append(s.people.users, u)
	}
}

// fail records a problem of field in the object n.
func (sd *seeding) fail(n seedjson.Node, field, format string, args ...any) {
	sd.problems.Add(n.Err(field, format, args...))
}

// time parses the RFC 3339 value of field, def when it is left out.
func (sd *seeding) time(n seedjson.Node, field, value string, def time.Time) time.Time {
	t, err := n.Time(field, value, def)
	sd.problems.Add(err)
	return t
}

// env checks an object's environment; left out, it is "sandbox" (the key
// the env file exports).
func (sd *seeding) env(n seedjson.Node, value string) string {
	switch value {
	case "":
		return "sandbox"
	case "sandbox", "production":
		return value
	}
	sd.fail(n, "environment", "must be sandbox or production")
	return value
}

// claim records key in keys for the object n, or reports that another
// object already holds it (field names the key in the error).
func (sd *seeding) claim(keys map[string]string, key string, n seedjson.Node, field, shown string) bool {
	holder, taken := keys[key]
	if !taken {
		keys[key] = n.Path()
		return true
	}
	if holder == "" {
		holder = "an object the emulator already holds"
	}
	sd.fail(n, field, "%q is already used by %s", shown, holder)
	return false
}

// lowerKey is the case-insensitive form of a natural key such as an email.
func lowerKey(parts ...string) string { return strings.ToLower(strings.Join(parts, " ")) }
