package synerise

import (
	"slices"
	"strings"
	"sync"
)

// directory holds the workspaces and the users with the workspaces each
// may select: the built-in ones (seedWorkspaces, seedUsers), then those a
// seed file adds. It is safe for concurrent use; a user's workspace list
// is replaced, never changed in place, so copies may share it.
type directory struct {
	mu         sync.RWMutex
	workspaces []workspace
	users      []user
}

// newDirectory returns a directory holding the built-in workspaces and users.
func newDirectory() *directory {
	return &directory{workspaces: slices.Clone(seedWorkspaces), users: slices.Clone(seedUsers)}
}

// findUser returns the user named username (case-insensitive).
func (d *directory) findUser(username string) (user, bool) {
	return d.user(func(u user) bool { return strings.EqualFold(u.username, username) })
}

// userByID returns the user with id.
func (d *directory) userByID(id int64) (user, bool) {
	return d.user(func(u user) bool { return u.id == id })
}

// user returns the first user match accepts.
func (d *directory) user(match func(user) bool) (user, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if i := slices.IndexFunc(d.users, match); i >= 0 {
		return d.users[i], true
	}
	return user{}, false
}

// findWorkspace returns the workspace with guid (case-insensitive).
func (d *directory) findWorkspace(guid string) (workspace, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if i := slices.IndexFunc(d.workspaces, func(ws workspace) bool { return strings.EqualFold(ws.guid, guid) }); i >= 0 {
		return d.workspaces[i], true
	}
	return workspace{}, false
}

// workspaceList returns every workspace, built-in ones first.
func (d *directory) workspaceList() []workspace {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return slices.Clone(d.workspaces)
}

// userList returns every user.
func (d *directory) userList() []user {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return slices.Clone(d.users)
}
