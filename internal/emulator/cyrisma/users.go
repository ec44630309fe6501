package cyrisma

import (
	"net/http"
	"sync"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// userJSON is a user as returned by create, info and disable.
type userJSON struct {
	ID         string `json:"id"`
	Username   string `json:"username"`
	FirstName  string `json:"first_name"`
	LastName   string `json:"last_name"`
	Enabled    string `json:"enabled"`
	InstanceID string `json:"instance_id"`
}

// userStore holds every user in creation order.
type userStore struct {
	mu    sync.Mutex
	byID  map[string]*userJSON
	order []string
}

// newUserStore returns an empty store.
func newUserStore() *userStore { return &userStore{byID: map[string]*userJSON{}} }

// add stores u and returns a copy.
func (st *userStore) add(u userJSON) userJSON {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.put(u)
	return u
}

// put stores u; the caller holds mu.
func (st *userStore) put(u userJSON) {
	st.byID[u.ID] = &u
	st.order = append(st.order, u.ID)
}

// list returns every user, disabled ones included, in creation order.
func (st *userStore) list() []userJSON {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]userJSON, 0, len(st.order))
	for _, id := range st.order {
		out = append(out, *st.byID[id])
	}
	return out
}

// get returns user id.
func (st *userStore) get(id string) (userJSON, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	u, ok := st.byID[id]
	if !ok {
		return userJSON{}, false
	}
	return *u, true
}

// disable sets user id's enabled to "0" (idempotent).
func (st *userStore) disable(id string) (userJSON, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	u, ok := st.byID[id]
	if !ok {
		return userJSON{}, false
	}
	u.Enabled = "0"
	return *u, true
}

// handleCreateUser serves POST /partner/instances/users/create.
func (s *Service) handleCreateUser(w http.ResponseWriter, r *http.Request) {
	f, ok := readForm(w, r)
	if !ok {
		return
	}
	for _, name := range []string{"instance_id", "username", "first_name", "last_name"} {
		if f.get(name) == "" {
			badRequest(w, name, "is required")
			return
		}
	}
	instanceID := f.get("instance_id")
	in, _, found := s.instances.get(s.clock(), instanceID)
	if !found {
		instanceError(instanceID).write(w)
		return
	}
	if in.InstanceType != typeOrganization {
		badRequest(w, "instance_id", "users can only be added to organization instances")
		return
	}
	u := s.users.add(userJSON{
		ID: emuid.UUID(), Username: f.get("username"), FirstName: f.get("first_name"),
		LastName: f.get("last_name"), Enabled: "1", InstanceID: instanceID,
	})
	httpjson.Write(w, http.StatusOK, u)
}

// handleListUsers serves GET /partner/users/info.
func (s *Service) handleListUsers(w http.ResponseWriter, r *http.Request) {
	httpjson.Write(w, http.StatusOK, s.users.list())
}

// handleGetUser serves GET /partner/users/info/{user_ref} (user_ref = id):
// an array of one, or [] when unknown.
func (s *Service) handleGetUser(w http.ResponseWriter, r *http.Request) {
	out := []userJSON{}
	if u, ok := s.users.get(r.PathValue("user_ref")); ok {
		out = append(out, u)
	}
	httpjson.Write(w, http.StatusOK, out)
}

// handleDisableUser serves PATCH /partner/users/disable (idempotent).
func (s *Service) handleDisableUser(w http.ResponseWriter, r *http.Request) {
	f, ok := readForm(w, r)
	if !ok {
		return
	}
	id := f.get("user_id")
	if id == "" {
		badRequest(w, "user_id", "is required")
		return
	}
	u, found := s.users.disable(id)
	if !found {
		badRequest(w, "user_id", "unknown user "+id)
		return
	}
	httpjson.Write(w, http.StatusOK, []userJSON{u})
}
