package synerise

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"
)

// State is everything the Synerise emulator holds, as plain snake_case
// JSON (GET /_emulator/state shows it under "synerise"); it is meant to be
// written by hand too, as a seed file. Workspaces are sorted by uuid,
// users by id, API keys by key.
type State struct {
	Workspaces []WorkspaceState `json:"workspaces"`
	Users      []UserState      `json:"users"`
	APIKeys    []APIKeyState    `json:"api_keys"`
}

// WorkspaceState is one workspace (business profile) and its IP
// allowlist; created is RFC 3339 UTC.
type WorkspaceState struct {
	UUID         string           `json:"uuid"`
	ID           int64            `json:"id"`
	Name         string           `json:"name"`
	Subdomain    string           `json:"subdomain"`
	Logo         string           `json:"logo"`
	Created      string           `json:"created,omitempty"`
	IPRestricted bool             `json:"ip_restricted"`
	MFARequired  bool             `json:"mfa_required"`
	IPAllowlist  IPAllowlistState `json:"ip_allowlist"`
}

// IPAllowlistState is a workspace's IP policy (enabled,
// enableSupportSubnets and ipPolicy on the wire).
type IPAllowlistState struct {
	Enabled              bool     `json:"enabled"`
	EnableSupportSubnets bool     `json:"enable_support_subnets"`
	IPPolicy             []string `json:"ip_policy"`
}

// UserState is one user: credentials (totp_secret "" when the user has no
// MFA), role, authorities and the UUIDs of the workspaces it may select.
type UserState struct {
	ID          int64    `json:"id"`
	UUID        string   `json:"uuid"`
	Username    string   `json:"username"`
	Password    string   `json:"password"`
	TOTPSecret  string   `json:"totp_secret,omitempty"`
	Roles       string   `json:"roles"`
	Authorities []string `json:"authorities"`
	Workspaces  []string `json:"workspaces"`
}

// APIKeyState is one workspace API key and the permissions it grants.
type APIKeyState struct {
	APIKey        string   `json:"api_key"`
	WorkspaceUUID string   `json:"workspace_uuid"`
	Permissions   []string `json:"permissions"`
}

// State returns a snapshot of everything the service holds (see State).
func (s *Service) State() State {
	st := State{Workspaces: []WorkspaceState{}, Users: []UserState{}}
	for _, ws := range s.dir.workspaceList() {
		pol := s.ipPolicies.get(ws.guid)
		st.Workspaces = append(st.Workspaces, WorkspaceState{
			UUID: ws.guid, ID: ws.id, Name: ws.name, Subdomain: ws.subdomain, Logo: ws.logo,
			Created: ws.created.UTC().Format(time.RFC3339), IPRestricted: ws.ipRestricted, MFARequired: ws.mfaRequired,
			IPAllowlist: IPAllowlistState{Enabled: pol.Enabled, EnableSupportSubnets: pol.EnableSupportSubnets, IPPolicy: pol.IPPolicy},
		})
	}
	slices.SortFunc(st.Workspaces, func(a, b WorkspaceState) int { return strings.Compare(a.UUID, b.UUID) })
	for _, u := range s.dir.userList() {
		st.Users = append(st.Users, UserState{
			ID: u.id, UUID: u.uuid, Username: u.username, Password: u.password, TOTPSecret: u.totpSecret,
			Roles: u.roles, Authorities: slices.Clone(u.authorities), Workspaces: slices.Clone(u.workspaces),
		})
	}
	slices.SortFunc(st.Users, func(a, b UserState) int { return cmp.Compare(a.ID, b.ID) })
	st.APIKeys = []APIKeyState{{
		APIKey: DemoAPIKey, WorkspaceUUID: seedWorkspaces[0].guid,
		Permissions: grantedPermissions(),
	}}
	return st
}

// grantedPermissions lists the permissions the API key has, sorted.
func grantedPermissions() []string {
	granted := []string{}
	for _, name := range slices.Sorted(maps.Keys(apiKeyPermissions)) {
		if apiKeyPermissions[name] {
			granted = append(granted, name)
		}
	}
	return granted
}
