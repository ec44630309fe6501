package cyrisma

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// State is everything the Cyrisma emulator holds, as plain snake_case JSON
// (GET /_emulator/state shows it under "cyrisma"); it is meant to be
// written by hand too, as a seed file. APISecret is the secret currently
// accepted at login (it changes with regen-pass). Instances are sorted by
// instance_id, each instance's users by id.
type State struct {
	APIKey    string          `json:"api_key"`
	APISecret string          `json:"api_secret"`
	Instances []InstanceState `json:"instances"`
}

// InstanceState is one instance, with the field names of the API's
// instance object, plus what the store keeps besides: enabled (false once
// suspended), root (the seeded MSP organization), provisioned (false while
// its provisioning delay runs: the API does not show it yet) and ready_at,
// the write-only create fields (country, email, address) and its users.
// Instances are never deleted.
type InstanceState struct {
	InstanceID        string       `json:"instance_id"`
	Name              string       `json:"name"`
	ShortName         string       `json:"short_name"`
	ParentID          string       `json:"parent_id"`
	Hierarchy         string       `json:"hierarchy"`
	InstanceType      string       `json:"instance_type"`
	IsConsulting      bool         `json:"is_consulting"`
	NumberOfEndpoints int          `json:"number_of_endpoints"`
	URL               string       `json:"url"`
	TenantID          string       `json:"tenant_id"`
	AgentKey          string       `json:"agent_key"`
	MFA               string       `json:"mfa"`
	Enabled           bool         `json:"enabled"`
	Root              bool         `json:"root,omitempty"`
	Provisioned       bool         `json:"provisioned"`
	ReadyAt           string       `json:"ready_at,omitempty"`
	Country           string       `json:"country,omitempty"`
	Email             string       `json:"email,omitempty"`
	Address           AddressState `json:"address"`
	Users             []UserState  `json:"users"`
}

// AddressState is the write-only postal address of an instance.
type AddressState struct {
	State  string `json:"state,omitempty"`
	City   string `json:"city,omitempty"`
	Postal string `json:"postal,omitempty"`
	Street string `json:"street,omitempty"`
}

// UserState is one user of an instance; enabled is false once disabled
// (disabled users are kept).
type UserState struct {
	ID        string `json:"id"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Enabled   bool   `json:"enabled"`
}

// State returns a snapshot of everything the service holds (see State).
func (s *Service) State() State {
	now := s.clock()
	st := State{APIKey: DemoAPIKey, APISecret: s.auth.currentSecret(), Instances: []InstanceState{}}
	index := map[string]int{}
	s.instances.mu.Lock()
	for _, id := range s.instances.order {
		in := s.instances.byID[id]
		v := in.view
		is := InstanceState{
			InstanceID: v.InstanceID, Name: v.Name, ShortName: v.ShortName, ParentID: v.ParentID,
			Hierarchy: v.Hierarchy, InstanceType: v.InstanceType, IsConsulting: v.IsConsulting,
			NumberOfEndpoints: v.NumberOfEndpoints, URL: v.URL, TenantID: v.TenantID, AgentKey: v.AgentKey,
			MFA: v.MFA, Enabled: !in.suspended, Root: in.isRoot, Provisioned: !now.Before(in.readyAt),
			Country: in.country, Email: in.email, Users: []UserState{},
			Address: AddressState{State: in.address[0], City: in.address[1], Postal: in.address[2], Street: in.address[3]},
		}
		if !in.readyAt.IsZero() {
			is.ReadyAt = in.readyAt.UTC().Format(time.RFC3339)
		}
		st.Instances = append(st.Instances, is)
	}
	s.instances.mu.Unlock()
	slices.SortFunc(st.Instances, func(a, b InstanceState) int { return strings.Compare(a.InstanceID, b.InstanceID) })
	for i, in := range st.Instances {
		index[in.InstanceID] = i
	}
	for _, u := range s.users.list() {
		if i, ok := index[u.InstanceID]; ok {
			st.Instances[i].Users = append(st.Instances[i].Users, UserState{
				ID: u.ID, Username: u.Username, FirstName: u.FirstName, LastName: u.LastName, Enabled: u.Enabled == "1",
			})
		}
	}
	for _, in := range st.Instances {
		slices.SortFunc(in.Users, func(a, b UserState) int { return cmp.Compare(a.ID, b.ID) })
	}
	return st
}
