package cyrisma

import (
	"sync"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
)

// Instance types.
const (
	typeOrganization = "organization"
	typeStandard     = "standard"
)

// instance is one stored instance. Fields without a JSON view (country,
// email, address) are kept only as write-only inputs; suspended is not in
// the view either: the reference's instance schema has no status field.
type instance struct {
	view      instanceJSON
	readyAt   time.Time
	country   string
	email     string
	address   [4]string // state, city, postal, street
	isRoot    bool
	suspended bool
}

// instanceJSON is one item of GET /partner/instances/info, with exactly the
// fields of the reference's instance schema (SubordinateInstanceInfoWithTree).
type instanceJSON struct {
	InstanceID        string `json:"instance_id"`
	Name              string `json:"name"`
	ShortName         string `json:"short_name"`
	ParentID          string `json:"parent_id"`
	Hierarchy         string `json:"hierarchy"`
	InstanceType      string `json:"instance_type"`
	IsConsulting      bool   `json:"is_consulting"`
	NumberOfEndpoints int    `json:"number_of_endpoints"`
	URL               string `json:"url"`
	TenantID          string `json:"tenant_id"`
	AgentKey          string `json:"agent_key"`
	MFA               string `json:"mfa"`
}

// instanceWithEnabled is instanceJSON plus "enabled" (1 active, 0
// suspended), the answer of Options.ReportEnabled.
type instanceWithEnabled struct {
	instanceJSON
	Enabled int `json:"enabled"`
}

// enabledFlag is 0 for a suspended instance, 1 otherwise, as the suspend
// and reactivate answers report it.
func enabledFlag(suspended bool) int {
	if suspended {
		return 0
	}
	return 1
}

// createParams are the validated inputs of POST /partner/instances/create.
type createParams struct {
	instanceType, parentID, name, shortName, country, email string
	isConsulting                                            bool
	mfa, tenantID                                           string
	address                                                 [4]string
}

// instanceStore holds every instance in creation order.
type instanceStore struct {
	mu    sync.Mutex
	byID  map[string]*instance
	order []string
	urls  map[string]bool
}

// newInstanceStore returns a store seeded with the root organization, which
// is provisioned from the beginning of time.
func newInstanceStore() *instanceStore {
	st := &instanceStore{byID: map[string]*instance{}, urls: map[string]bool{}}
	root := &instance{
		view: instanceJSON{
			InstanceID: RootInstance, Name: rootInstanceName, ShortName: rootShortName,
			Hierarchy: RootInstance, InstanceType: typeOrganization, URL: rootInstanceURL,
			AgentKey: rootAgentKey, MFA: "0",
		},
		isRoot: true,
	}
	st.add(root)
	return st
}

// add stores in; the caller holds mu (or owns st exclusively).
func (st *instanceStore) add(in *instance) {
	st.byID[in.view.InstanceID] = in
	st.order = append(st.order, in.view.InstanceID)
	st.urls[in.view.URL] = true
}

// lookup returns a provisioned instance; the caller holds mu.
func (st *instanceStore) lookup(now time.Time, id string) (*instance, bool) {
	in, ok := st.byID[id]
	if !ok || now.Before(in.readyAt) {
		return nil, false
	}
	return in, true
}

// get returns the provisioned instance id, suspended or not, and whether
// it is suspended.
func (st *instanceStore) get(now time.Time, id string) (view instanceJSON, suspended, ok bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	in, ok := st.lookup(now, id)
	if !ok {
		return instanceJSON{}, false, false
	}
	return in.view, in.suspended, true
}

// list returns every provisioned instance that is not suspended, in
// creation order.
func (st *instanceStore) list(now time.Time) []instanceJSON {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []instanceJSON{}
	for _, id := range st.order {
		if in, ok := st.lookup(now, id); ok && !in.suspended {
			out = append(out, in.view)
		}
	}
	return out
}

// create stores a new instance that becomes visible at now+delay.
func (st *instanceStore) create(now time.Time, delay time.Duration, p createParams) (instanceJSON, *apiError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	parent, ok := st.lookup(now, p.parentID)
	if !ok {
		return instanceJSON{}, fieldError("parent_instance_id", "unknown instance "+p.parentID)
	}
	if parent.view.InstanceType != typeOrganization {
		return instanceJSON{}, fieldError("parent_instance_id", "parent must be an organization instance")
	}
	id := emuid.UUID()
	url := newInstanceURL(func(u string) bool { return st.urls[u] })
	in := &instance{
		view: instanceJSON{
			InstanceID: id, Name: p.name, ShortName: p.shortName, ParentID: parent.view.InstanceID,
			Hierarchy: parent.view.Hierarchy + "/" + id, InstanceType: p.instanceType,
			IsConsulting: p.isConsulting, URL: url, TenantID: p.tenantID, AgentKey: newHex(16),
			MFA: p.mfa,
		},
		readyAt: now.Add(delay),
		country: p.country,
		email:   p.email,
		address: p.address,
	}
	st.add(in)
	return in.view, nil
}

// update applies fn to the provisioned instance id and returns its new view.
func (st *instanceStore) update(now time.Time, id string, fn func(*instance) *apiError) (instanceJSON, *apiError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	in, ok := st.lookup(now, id)
	if !ok {
		return instanceJSON{}, instanceError(id)
	}
	if err := fn(in); err != nil {
		return instanceJSON{}, err
	}
	return in.view, nil
}

// newInstanceURL returns a random "cc" + 6 digits + ".cyrisma.com" URL
// that taken does not report.
func newInstanceURL(taken func(string) bool) string {
	for {
		url := "cc" + randomString(6, "0123456789") + ".cyrisma.com"
		if !taken(url) {
			return url
		}
	}
}
