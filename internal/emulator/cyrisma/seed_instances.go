package cyrisma

import (
	"cmp"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/seedjson"
)

// instance checks and builds one seeded instance and its users. Required:
// name and short_name (unique among the live instances under one parent:
// after a create whose answer was lost, the provider finds the new
// instance by short name under its parent, among the listed, that is not
// suspended, instances; suspended ones may share it, as after a destroy
// and a new apply). Defaults: a new instance_id, url and agent_key;
// parent_id the root instance; hierarchy derived from the parent;
// instance_type "organization"; mfa "0"; enabled and provisioned true. An
// instance seeded with provisioned false and no ready_at provisions from
// now, for the service's provisioning delay.
func (sd *seeding) instance(in InstanceState, n seedjson.Node) {
	if in.InstanceID == RootInstance {
		sd.root(in, n.Labeled(cmp.Or(in.Name, rootInstanceName)))
		return
	}
	id := cmp.Or(in.InstanceID, emuid.UUID())
	n = n.Labeled(cmp.Or(in.Name, id))
	if in.Root {
		sd.fail(n, "root", "only the built-in root instance (%s) is the root", RootInstance)
	}
	sd.claim(sd.ids, id, n, "instance_id")
	enabled := seedjson.Or(n, "enabled", in.Enabled, true)
	switch {
	case strings.TrimSpace(in.Name) == "":
		sd.fail(n, "name", "required")
	case strings.TrimSpace(in.ShortName) == "":
		sd.fail(n, "short_name", "required")
	case enabled:
		sd.claimShortName(cmp.Or(in.ParentID, RootInstance), in.ShortName, n)
	}
	v := instanceJSON{
		InstanceID: id, Name: in.Name, ShortName: in.ShortName, ParentID: cmp.Or(in.ParentID, RootInstance),
		InstanceType: cmp.Or(in.InstanceType, typeOrganization), IsConsulting: in.IsConsulting,
		NumberOfEndpoints: in.NumberOfEndpoints, URL: in.URL, TenantID: in.TenantID,
		AgentKey: cmp.Or(in.AgentKey, newHex(16)), MFA: cmp.Or(in.MFA, "0"),
	}
	sd.instanceRules(v, in, n)
	if v.URL == "" {
		v.URL = newInstanceURL(func(u string) bool { _, taken := sd.urls[u]; return taken })
	}
	sd.claim(sd.urls, v.URL, n, "url")
	si := &seedInstance{in: &instance{view: v, country: in.Country, email: in.Email, suspended: !enabled,
		address: [4]string{in.Address.State, in.Address.City, in.Address.Postal, in.Address.Street}},
		n: n, hierarchy: in.Hierarchy}
	si.in.readyAt = sd.readyAt(in, n)
	sd.instances = append(sd.instances, si)
	sd.byID[id] = si
	sd.instanceUsers(id, v.InstanceType, in.Users, n)
}

// instanceRules checks the fields of a seeded instance the API validates
// on create.
func (sd *seeding) instanceRules(v instanceJSON, in InstanceState, n seedjson.Node) {
	if v.InstanceType != typeOrganization && v.InstanceType != typeStandard {
		sd.fail(n, "instance_type", `must be "organization" or "standard"`)
	}
	if v.IsConsulting && v.InstanceType == typeOrganization {
		sd.fail(n, "is_consulting", "an organization instance cannot be consulting")
	}
	if !validMFA(v.MFA) {
		sd.fail(n, "mfa", `must be "0", "1" or "2"`)
	}
	if in.Email != "" && !strings.Contains(in.Email, "@") {
		sd.fail(n, "email", "must be an email address")
	}
	if v.NumberOfEndpoints < 0 {
		sd.fail(n, "number_of_endpoints", "must be at least 0")
	}
}

// readyAt is when a seeded instance becomes readable: ready_at as given,
// zero for a provisioned one without it, now plus the provisioning delay
// for one still provisioning without it.
func (sd *seeding) readyAt(in InstanceState, n seedjson.Node) time.Time {
	at := sd.time(n, "ready_at", in.ReadyAt, time.Time{})
	provisioned := seedjson.Or(n, "provisioned", in.Provisioned, true)
	switch {
	case provisioned && at.After(sd.now):
		sd.fail(n, "ready_at", "is in the future, so provisioned must be false")
	case !provisioned && in.ReadyAt == "":
		at = sd.now.Add(sd.s.opts.ProvisioningDelay)
	}
	return at
}

// root checks the seed's entry for the built-in root instance: it may
// change the mfa and add users; any other field must be left out or
// equal the root's.
func (sd *seeding) root(in InstanceState, n seedjson.Node) {
	if sd.rootSeen {
		sd.fail(n, "instance_id", "the root instance is listed twice")
		return
	}
	sd.rootSeen = true
	v := sd.s.instances.byID[RootInstance].view
	for _, c := range []struct {
		field   string
		differs bool
	}{
		{"name", in.Name != "" && in.Name != v.Name}, {"short_name", in.ShortName != "" && in.ShortName != v.ShortName},
		{"parent_id", in.ParentID != ""}, {"hierarchy", in.Hierarchy != "" && in.Hierarchy != v.Hierarchy},
		{"instance_type", in.InstanceType != "" && in.InstanceType != v.InstanceType},
		{"is_consulting", n.Has("is_consulting") && in.IsConsulting != v.IsConsulting},
		{"number_of_endpoints", n.Has("number_of_endpoints") && in.NumberOfEndpoints != v.NumberOfEndpoints},
		{"url", in.URL != "" && in.URL != v.URL}, {"tenant_id", in.TenantID != v.TenantID},
		{"agent_key", in.AgentKey != "" && in.AgentKey != v.AgentKey},
		{"enabled", n.Has("enabled") && !in.Enabled}, {"root", n.Has("root") && !in.Root},
		{"provisioned", n.Has("provisioned") && !in.Provisioned}, {"ready_at", in.ReadyAt != ""},
		{"country", in.Country != ""}, {"email", in.Email != ""}, {"address", in.Address != AddressState{}},
	} {
		if c.differs {
			sd.fail(n, c.field, "must be left out or equal the built-in root instance's (it cannot change)")
		}
	}
	if in.MFA != "" && !validMFA(in.MFA) {
		sd.fail(n, "mfa", `must be "0", "1" or "2"`)
	}
	if in.MFA != v.MFA {
		sd.rootMFA = in.MFA
	}
	sd.instanceUsers(RootInstance, v.InstanceType, in.Users, n)
}

// resolve checks a seeded instance's parent (an organization of the seed
// or of the emulator) and derives its hierarchy, the parent's followed by
// its id; visiting holds the instances on the current parent chain.
func (sd *seeding) resolve(si *seedInstance, visiting map[*seedInstance]bool) bool {
	if si.resolved || si.failed {
		return si.resolved
	}
	v := &si.in.view
	if visiting[si] {
		sd.fail(si.n, "parent_id", "the instances' parents form a cycle")
		si.failed = true
		return false
	}
	visiting[si] = true
	var parentType, parentHierarchy string
	if p, ok := sd.byID[v.ParentID]; ok {
		if !sd.resolve(p, visiting) {
			si.failed = true
			return false
		}
		parentType, parentHierarchy = p.in.view.InstanceType, p.in.view.Hierarchy
	} else if p, ok := sd.s.instances.byID[v.ParentID]; ok {
		parentType, parentHierarchy = p.view.InstanceType, p.view.Hierarchy
	} else {
		sd.fail(si.n, "parent_id", "no instance %q in the seed or the emulator", v.ParentID)
		si.failed = true
		return false
	}
	if parentType != typeOrganization {
		sd.fail(si.n, "parent_id", "%q is a %s instance; a parent must be an organization", v.ParentID, parentType)
	}
	v.Hierarchy = parentHierarchy + "/" + v.InstanceID
	if si.hierarchy != "" && si.hierarchy != v.Hierarchy {
		sd.fail(si.n, "hierarchy", "must be %q (the parent's hierarchy, then this instance's id), or left out", v.Hierarchy)
	}
	si.resolved = true
	return true
}

// instanceUsers checks and builds the users of one instance. Required:
// username (unique in the instance), first_name, last_name. Defaults: a
// new id, enabled true. Only organization instances have users.
func (sd *seeding) instanceUsers(instanceID, instanceType string, users []UserState, n seedjson.Node) {
	if len(users) > 0 && instanceType != typeOrganization {
		sd.fail(n, "users", "only organization instances have users")
	}
	names := map[string]string{}
	for i, u := range users {
		un := n.Field("users").Index(i).Labeled(u.Username)
		user := userJSON{ID: cmp.Or(u.ID, emuid.UUID()), Username: u.Username, FirstName: u.FirstName,
			LastName: u.LastName, Enabled: "1", InstanceID: instanceID}
		sd.claim(sd.userIDs, user.ID, un, "id")
		for _, f := range []struct{ field, value string }{
			{"username", u.Username}, {"first_name", u.FirstName}, {"last_name", u.LastName},
		} {
			if strings.TrimSpace(f.value) == "" {
				sd.fail(un, f.field, "required")
			}
		}
		if u.Username != "" {
			sd.claim(names, u.Username, un, "username")
		}
		if !seedjson.Or(un, "enabled", u.Enabled, true) {
			user.Enabled = "0"
		}
		sd.users = append(sd.users, user)
	}
}

// time parses the RFC 3339 value of field, def when it is left out.
func (sd *seeding) time(n seedjson.Node, field, value string, def time.Time) time.Time {
	t, err := n.Time(field, value, def)
	sd.problems.Add(err)
	return t
}
