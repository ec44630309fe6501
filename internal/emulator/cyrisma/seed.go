package cyrisma

import (
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/seedjson"
)

// seeding is a Cyrisma seed being checked: the instances and users built
// from it, the keys already taken and the problems found.
type seeding struct {
	s        *Service
	now      time.Time
	problems seedjson.Problems

	instances []*seedInstance
	byID      map[string]*seedInstance
	rootSeen  bool
	rootMFA   string     // "" when the seed does not change it
	users     []userJSON // of seeded instances and of the root, in order
	secret    string     // "" when the seed does not change it

	// Keys taken, by the service or the seed, mapped to the path of the
	// seed object holding them ("" when the service does). shortNames
	// holds those of live (not suspended) instances, by parent (see
	// shortNameKey).
	ids, urls, shortNames, userIDs map[string]string
}

// seedInstance is one seeded instance with the node it came from.
type seedInstance struct {
	in        *instance
	n         seedjson.Node
	hierarchy string // as given ("" when left out)
	resolved  bool   // hierarchy computed
	failed    bool   // parent chain unusable (already reported)
}

// PrepareSeed checks st, the "cyrisma" object of a seed file (doc is its
// JSON, which tells the fields a hand-written seed left out), against
// itself and against what the service holds, and returns finish, which
// adds the seeded instances and users (see below), or every problem found
// (nothing is added then). The root instance is built in: an entry with
// its instance_id may only repeat it, change its mfa and add users to it.
// The rules and defaults are documented in the emulator package's "Seed
// files" section.
//
// On success the instances and users stay locked, so that no request can
// change what was checked, until finish is called (once): finish(true)
// adds the seeded objects, finish(false) drops them, and either unlocks.
// On error nothing is held.
func (s *Service) PrepareSeed(st State, doc seedjson.Node) (finish func(apply bool), err error) {
	s.instances.mu.Lock()
	s.users.mu.Lock()
	sd := s.newSeeding()
	sd.credentials(st, doc)
	for i, in := range st.Instances {
		sd.instance(in, doc.Field("instances").Index(i))
	}
	for _, si := range sd.instances {
		sd.resolve(si, map[*seedInstance]bool{})
	}
	if err := sd.problems.Err(); err != nil {
		s.users.mu.Unlock()
		s.instances.mu.Unlock()
		return nil, err
	}
	return seedjson.Commit(sd.apply, func() {
		sd.s.users.mu.Unlock()
		sd.s.instances.mu.Unlock()
	}), nil
}

// newSeeding starts a seeding with the keys the service holds; the caller
// holds the instance and user locks.
func (s *Service) newSeeding() *seeding {
	sd := &seeding{
		s: s, now: s.clock(), byID: map[string]*seedInstance{},
		ids: map[string]string{}, urls: map[string]string{}, shortNames: map[string]string{}, userIDs: map[string]string{},
	}
	for id, in := range s.instances.byID {
		sd.ids[id], sd.urls[in.view.URL] = "", ""
		if !in.suspended {
			sd.shortNames[shortNameKey(in.view.ParentID, in.view.ShortName)] = ""
		}
	}
	for id := range s.users.byID {
		sd.userIDs[id] = ""
	}
	return sd
}

// credentials checks the partner API key, which is fixed, and takes a
// seeded secret (the one GET /_emulator/state shows after a regen-pass).
func (sd *seeding) credentials(st State, doc seedjson.Node) {
	if st.APIKey != "" && st.APIKey != DemoAPIKey {
		sd.fail(doc, "api_key", "must be the emulator's API key, which cannot change (leave it out)")
	}
	if st.APISecret != "" && strings.TrimSpace(st.APISecret) != st.APISecret {
		sd.fail(doc, "api_secret", "must not start or end with white space")
	}
	if st.APISecret != sd.s.auth.currentSecret() {
		sd.secret = st.APISecret
	}
}

// apply adds the checked instances and users to the service; the caller
// holds the instance and user locks, since the check.
func (sd *seeding) apply() {
	s := sd.s
	for _, si := range sd.instances {
		s.instances.add(si.in)
		s.secrets.Add(si.in.view.AgentKey)
	}
	if sd.rootMFA != "" {
		s.instances.byID[RootInstance].view.MFA = sd.rootMFA
	}
	for _, u := range sd.users {
		s.users.put(u)
	}
	if sd.secret != "" {
		s.auth.setSecret(sd.secret)
		s.secrets.Add(sd.secret)
	}
}

// fail records a problem of field in the object n.
func (sd *seeding) fail(n seedjson.Node, field, format string, args ...any) {
	sd.problems.Add(n.Err(field, format, args...))
}

// claim records key in keys for the object n, or reports that another
// object already holds it.
func (sd *seeding) claim(keys map[string]string, key string, n seedjson.Node, field string) bool {
	holder, taken := keys[key]
	if !taken {
		keys[key] = n.Path()
		return true
	}
	if holder == "" {
		holder = "an object the emulator already holds"
	}
	sd.fail(n, field, "%q is already used by %s", key, holder)
	return false
}

// shortNameKey is the key of a live instance's short name under its parent
// in seeding.shortNames.
func shortNameKey(parentID, shortName string) string { return parentID + "\x00" + shortName }

// claimShortName records the short name of a live instance under parentID,
// or reports that another live instance under that parent has it.
func (sd *seeding) claimShortName(parentID, shortName string, n seedjson.Node) {
	key := shortNameKey(parentID, shortName)
	holder, taken := sd.shortNames[key]
	if !taken {
		sd.shortNames[key] = n.Path()
		return
	}
	if holder == "" {
		holder = "a live instance the emulator already holds under the same parent"
	}
	sd.fail(n, "short_name", "%q is already used by %s", shortName, holder)
}
