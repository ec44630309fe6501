package synerise

import "time"

// Fixed demo credentials and seed values.
const (
	// DemoAPIKey is the workspace API key; it belongs to the first workspace.
	DemoAPIKey = "3d9f6b2e-1c4a-4e8b-a5f7-0b2c4d6e8f10"
	// MFAUsername is the seeded user with TOTP MFA (exported as SYNERISE_USERNAME).
	MFAUsername = "ops@tenantops.example"
	// MFAPassword is MFAUsername's password.
	MFAPassword = "Ops-Emulator-Pass-1"
	// MFATOTPSecret is MFAUsername's RFC 6238 secret, base32 without padding.
	MFATOTPSecret = "KRSW4YLOORHXA42FNV2WYYLUN5ZE2RSB"
	// NoMFAUsername is the seeded user without MFA.
	NoMFAUsername = "ci@tenantops.example"
	// NoMFAPassword is NoMFAUsername's password.
	NoMFAPassword = "Ci-Emulator-Pass-1"
	// WorkspaceUUID is the first workspace (exported as SYNERISE_WORKSPACE_UUID).
	WorkspaceUUID = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c"
	// SecondWorkspace is the second workspace's UUID.
	SecondWorkspace = "a7b8c9d0-e1f2-4a3b-9c4d-5e6f7a8b9c0d"
)

// workspace is a seeded business profile.
type workspace struct {
	guid, name, logo, subdomain string
	id                          int64
	created                     time.Time
	ipRestricted, mfaRequired   bool
}

// user is a seeded Synerise user.
type user struct {
	id          int64
	uuid        string
	username    string
	password    string
	totpSecret  string // "" when the user has no MFA
	roles       string
	authorities []string
	workspaces  []string // accessible workspace GUIDs
}

// seedWorkspaces are the two workspaces, first one first.
var seedWorkspaces = []workspace{
	{guid: WorkspaceUUID, id: 3101, name: "TenantOps Production", subdomain: "tenantops-prod",
		created: time.Date(2024, 3, 15, 9, 30, 0, 0, time.UTC)},
	{guid: SecondWorkspace, id: 3102, name: "TenantOps Staging", subdomain: "tenantops-staging",
		created: time.Date(2025, 1, 20, 12, 0, 0, 0, time.UTC)},
}

// seedUsers are the MFA user and the user without MFA.
var seedUsers = []user{
	{id: 10001, uuid: "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8", username: MFAUsername, password: MFAPassword,
		totpSecret: MFATOTPSecret, roles: "ADMIN",
		authorities: []string{"BUSINESS_PROFILE_READ", "BUSINESS_PROFILE_WRITE", "API_KEYS_MANAGE"},
		workspaces:  []string{WorkspaceUUID, SecondWorkspace}},
	{id: 10002, uuid: "d2b3c4d5-e6f7-4081-92a3-b4c5d6e7f809", username: NoMFAUsername, password: NoMFAPassword,
		roles: "DEVELOPER", authorities: []string{"BUSINESS_PROFILE_READ"},
		workspaces: []string{WorkspaceUUID, SecondWorkspace}},
}

// apiKeyUUID is the consumer UUID carried by API-key (workspace) tokens.
const apiKeyUUID = DemoAPIKey

// apiKeyPermissions are the permissions granted to DemoAPIKey; any other
// name is reported false by permission-check.
var apiKeyPermissions = map[string]bool{
	"CATALOGS_CATALOG_READ":              true,
	"CATALOGS_CATALOG_CREATE":            true,
	"CATALOGS_ITEM_BATCH_CATALOG_CREATE": true,
	"TRACKER_CREATE":                     true,
	"SAUTH_SETTINGS_READ":                true,
	"API_KEY_PERMISSION_CHECK":           true,
}
