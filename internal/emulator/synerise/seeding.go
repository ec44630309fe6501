package synerise

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/seedjson"
)

var (
	// uuidPattern is the 8-4-4-4-12 hex form of a workspace UUID.
	uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	// subdomainPattern is a workspace subdomain: lowercase letters, digits
	// and inner hyphens.
	subdomainPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
)

// seeding is a Synerise seed being checked: the workspaces it adds, the IP
// policies and user access it sets, the keys taken and the problems found.
type seeding struct {
	s        *Service
	now      time.Time
	problems seedjson.Problems

	current  []workspace // the service's workspaces
	added    []workspace
	addedAt  []seedjson.Node // the node of each added workspace, for ids
	policies map[string]ipPolicy
	access   map[int64][]string // user id → the workspaces the seed gives

	// Keys taken, by the service or the seed, mapped to the path of the
	// seed object holding them ("" when the service does).
	uuids, ids, subdomains map[string]string
}

// PrepareSeed checks st, the "synerise" object of a seed file (doc is its
// JSON, which tells the fields a hand-written seed left out), against
// itself and against what the service holds, and returns finish, which
// adds the seeded workspaces and sets the IP allowlists and the users'
// workspace access (see below), or every problem found (nothing changes
// then).
// Users and the API key are built in: a seed may only repeat them, and
// set the workspaces each user can select. The rules and defaults are
// documented in the emulator package's "Seed files" section.
//
// On success the workspaces and users stay locked, so that nothing (such
// as another seed) can change what was checked, until finish is called
// (once): finish(true) applies the seed, finish(false) drops it, and
// either unlocks. On error nothing is held.
func (s *Service) PrepareSeed(st State, doc seedjson.Node) (finish func(apply bool), err error) {
	s.dir.mu.Lock()
	sd := &seeding{
		s: s, now: s.clock().UTC().Truncate(time.Second), current: slices.Clone(s.dir.workspaces),
		policies: map[string]ipPolicy{}, access: map[int64][]string{},
		uuids: map[string]string{}, ids: map[string]string{}, subdomains: map[string]string{},
	}
	for _, ws := range sd.current {
		sd.uuids[strings.ToLower(ws.guid)], sd.ids[strconv.FormatInt(ws.id, 10)], sd.subdomains[ws.subdomain] = "", "", ""
	}
	for i, in := range st.Workspaces {
		sd.workspace(in, doc.Field("workspaces").Index(i))
	}
	sd.numberWorkspaces()
	seen := map[int64]string{}
	for i, in := range st.Users {
		sd.user(in, doc.Field("users").Index(i), seen)
	}
	for i, in := range st.APIKeys {
		sd.apiKey(in, doc.Field("api_keys").Index(i))
	}
	if err := sd.problems.Err(); err != nil {
		s.dir.mu.Unlock()
		return nil, err
	}
	return seedjson.Commit(sd.apply, sd.s.dir.mu.Unlock), nil
}

// workspace checks one seeded workspace: a built-in (or already seeded)
// one, named by its uuid, may only be repeated and get an IP allowlist; a
// new one is built. Required for a new one: name and subdomain (unique).
// Defaults: a new uuid, the next free id, created now, ip_restricted and
// mfa_required false, an IP allowlist that is off.
func (sd *seeding) workspace(in WorkspaceState, n seedjson.Node) {
	n = n.Labeled(cmp.Or(in.Name, in.UUID))
	guid := in.UUID
	if i := slices.IndexFunc(sd.current, func(ws workspace) bool { return strings.EqualFold(ws.guid, in.UUID) }); in.UUID != "" && i >= 0 {
		guid = sd.current[i].guid
		sd.repeated(sd.current[i], in, n)
	} else {
		guid = sd.add(in, n)
	}
	if n.Has("ip_allowlist") {
		sd.policy(guid, in.IPAllowlist, n)
	}
}

// repeated checks the entry of a workspace the service holds: its fields
// must be left out or equal.
func (sd *seeding) repeated(ws workspace, in WorkspaceState, n seedjson.Node) {
	if holder := sd.uuids[strings.ToLower(ws.guid)]; holder != "" {
		sd.fail(n, "uuid", "%q is already used by %s", in.UUID, holder)
		return
	}
	sd.uuids[strings.ToLower(ws.guid)] = n.Path()
	for _, c := range []struct {
		field   string
		differs bool
	}{
		{"id", n.Has("id") && in.ID != ws.id}, {"name", in.Name != "" && in.Name != ws.name},
		{"subdomain", in.Subdomain != "" && in.Subdomain != ws.subdomain}, {"logo", in.Logo != ws.logo},
		{"created", in.Created != "" && in.Created != ws.created.UTC().Format(time.RFC3339)},
		{"ip_restricted", n.Has("ip_restricted") && in.IPRestricted != ws.ipRestricted},
		{"mfa_required", n.Has("mfa_required") && in.MFARequired != ws.mfaRequired},
	} {
		if c.differs {
			sd.fail(n, c.field, "must be left out or equal the emulator's workspace %s (only its ip_allowlist can be seeded)", ws.guid)
		}
	}
}

// add checks and builds a new workspace and returns its uuid.
func (sd *seeding) add(in WorkspaceState, n seedjson.Node) string {
	ws := workspace{guid: cmp.Or(in.UUID, emuid.UUID()), name: in.Name, subdomain: in.Subdomain, logo: in.Logo,
		id: in.ID, ipRestricted: in.IPRestricted, mfaRequired: in.MFARequired}
	if !uuidPattern.MatchString(ws.guid) {
		sd.fail(n, "uuid", "must be a UUID such as %s", WorkspaceUUID)
	}
	sd.claim(sd.uuids, strings.ToLower(ws.guid), n, "uuid", ws.guid)
	if strings.TrimSpace(in.Name) == "" {
		sd.fail(n, "name", "required")
	}
	switch {
	case in.Subdomain == "":
		sd.fail(n, "subdomain", "required")
	case !subdomainPattern.MatchString(in.Subdomain):
		sd.fail(n, "subdomain", "must be lowercase letters, digits and hyphens")
	default:
		sd.claim(sd.subdomains, in.Subdomain, n, "subdomain", in.Subdomain)
	}
	if n.Has("id") {
		if in.ID < 1 {
			sd.fail(n, "id", "must be at least 1")
		}
		sd.claim(sd.ids, strconv.FormatInt(in.ID, 10), n, "id", strconv.FormatInt(in.ID, 10))
	}
	created, err := n.Time("created", in.Created, sd.now)
	sd.problems.Add(err)
	ws.created = created
	sd.added = append(sd.added, ws)
	sd.addedAt = append(sd.addedAt, n)
	return ws.guid
}

// numberWorkspaces gives the workspaces seeded without an id the next free
// ids, in order.
func (sd *seeding) numberWorkspaces() {
	next := int64(0)
	for _, ws := range append(slices.Clone(sd.current), sd.added...) {
		next = max(next, ws.id)
	}
	for i := range sd.added {
		if !sd.addedAt[i].Has("id") {
			next++
			sd.added[i].id = next
		}
	}
}

// policy checks and records a workspace's IP allowlist; each entry must be
// an IPv4 or IPv6 address or CIDR block.
func (sd *seeding) policy(guid string, in IPAllowlistState, n seedjson.Node) {
	pol := ipPolicy{Enabled: in.Enabled, EnableSupportSubnets: in.EnableSupportSubnets, IPPolicy: []string{}}
	for i, entry := range in.IPPolicy {
		if !validIPEntry(entry) {
			sd.fail(n, fmt.Sprintf("ip_allowlist.ip_policy[%d]", i), "must be an IPv4 or IPv6 address or CIDR block")
		}
		pol.IPPolicy = append(pol.IPPolicy, entry)
	}
	sd.policies[guid] = pol
}

// apply adds the checked workspaces, gives every user access to them
// (unless the seed lists the user's workspaces) and sets the IP allowlists;
// the caller holds s.dir.mu, since the check.
func (sd *seeding) apply() {
	s := sd.s
	guids := make([]string, 0, len(sd.added))
	for _, ws := range sd.added {
		guids = append(guids, ws.guid)
	}
	s.dir.workspaces = append(s.dir.workspaces, sd.added...)
	for i := range s.dir.users {
		u := &s.dir.users[i]
		if list, given := sd.access[u.id]; given {
			u.workspaces = list
		} else {
			u.workspaces = slices.Concat(u.workspaces, guids)
		}
	}
	for guid, pol := range sd.policies {
		s.ipPolicies.set(guid, pol)
	}
}

// fail records a problem of field in the object n.
func (sd *seeding) fail(n seedjson.Node, field, format string, args ...any) {
	sd.problems.Add(n.Err(field, format, args...))
}

// claim records key in keys for the object n, or reports that another
// object already holds it (shown is the value named in the error).
func (sd *seeding) claim(keys map[string]string, key string, n seedjson.Node, field, shown string) {
	holder, taken := keys[key]
	if !taken {
		keys[key] = n.Path()
		return
	}
	if holder == "" {
		holder = "a workspace the emulator already holds"
	}
	sd.fail(n, field, "%q is already used by %s", shown, holder)
}
