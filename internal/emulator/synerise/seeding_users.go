package synerise

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/seedjson"
)

// user checks the entry of a built-in user (named by id, or by username
// when id is left out): its fields must be left out or equal, except
// workspaces, which, when given, replaces the workspaces the user can
// select (each must be in the emulator or the seed).
func (sd *seeding) user(in UserState, n seedjson.Node, seen map[int64]string) {
	n = n.Labeled(in.Username)
	match := func(u user) bool { return strings.EqualFold(u.username, in.Username) }
	if n.Has("id") {
		match = func(u user) bool { return u.id == in.ID }
	}
	i := slices.IndexFunc(sd.s.dir.users, match) // the caller holds s.dir.mu
	if i < 0 {
		sd.fail(n, "id", "not one of the emulator's users (Synerise users are built in: a seed may only set the workspaces they can select)")
		return
	}
	u := sd.s.dir.users[i]
	if holder, dup := seen[u.id]; dup {
		sd.fail(n, "id", "user %d is already listed at %s", u.id, holder)
		return
	}
	seen[u.id] = n.Path()
	for _, c := range []struct {
		field   string
		differs bool
	}{
		{"username", in.Username != "" && !strings.EqualFold(in.Username, u.username)},
		{"uuid", in.UUID != "" && in.UUID != u.uuid}, {"password", in.Password != "" && in.Password != u.password},
		{"totp_secret", in.TOTPSecret != "" && in.TOTPSecret != u.totpSecret}, {"roles", in.Roles != "" && in.Roles != u.roles},
		{"authorities", n.Has("authorities") && !slices.Equal(in.Authorities, u.authorities)},
	} {
		if c.differs {
			sd.fail(n, c.field, "must be left out or equal the built-in user's (users are fixed)")
		}
	}
	if !n.Has("workspaces") {
		return
	}
	list := []string{}
	for i, guid := range in.Workspaces {
		ws, ok := sd.workspaceNamed(guid)
		if !ok {
			sd.fail(n, fmt.Sprintf("workspaces[%d]", i), "no workspace %q in the seed or the emulator", guid)
			continue
		}
		list = append(list, ws)
	}
	sd.access[u.id] = list
}

// workspaceNamed returns the uuid, as stored, of the workspace of the
// service or of the seed named by guid (case-insensitive).
func (sd *seeding) workspaceNamed(guid string) (string, bool) {
	for _, ws := range append(slices.Clone(sd.current), sd.added...) {
		if strings.EqualFold(ws.guid, guid) {
			return ws.guid, true
		}
	}
	return "", false
}

// apiKey checks the entry of the built-in API key: it may only be repeated.
func (sd *seeding) apiKey(in APIKeyState, n seedjson.Node) {
	switch {
	case in.APIKey == "":
		sd.fail(n, "api_key", "required")
	case !strings.EqualFold(in.APIKey, DemoAPIKey):
		sd.fail(n, "api_key", "not the emulator's API key (it is built in: leave api_keys out or repeat it)")
	case in.WorkspaceUUID != "" && !strings.EqualFold(in.WorkspaceUUID, seedWorkspaces[0].guid):
		sd.fail(n, "workspace_uuid", "must be %s, the API key's workspace", seedWorkspaces[0].guid)
	case n.Has("permissions") && !slices.Equal(slices.Sorted(slices.Values(in.Permissions)), grantedPermissions()):
		sd.fail(n, "permissions", "must be left out or equal the API key's (%s)", strings.Join(grantedPermissions(), ", "))
	}
}
