package cryptr

// State is everything the Cryptr emulator holds, as plain snake_case JSON
// (GET /_emulator/state shows it under "cryptr"). It is meant to be written
// by hand too, as a seed file: times are RFC 3339 UTC and optional.
//
// Lists are sorted by natural key, so that duplicates sit side by side:
// organizations by domain (a deleted organization and the one that reused
// its domain: creation order), admins by email, users by environment then
// email, directory syncs by environment, webhooks by environment then name,
// redirect URIs by environment then uri, webhook events by id; remaining
// ties are broken by id.
type State struct {
	AccountDomain string              `json:"account_domain"`
	APIKeys       []APIKeyState       `json:"api_keys"`
	Organizations []OrganizationState `json:"organizations"`
	Webhooks      []WebhookState      `json:"webhooks"`
	WebhookEvents []WebhookEventState `json:"webhook_events"`
	RedirectURIs  []RedirectURIState  `json:"redirect_uris"`
}

// APIKeyState is one seeded API key (client credentials) and its
// environment ("sandbox" or "production").
type APIKeyState struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	Environment  string `json:"environment"`
}

// OrganizationState is one organization with every object that belongs to
// it. Deleted organizations are listed too, with their objects (deleted
// true, status "deleted"), even once their domain has been reused; live
// ones have status "pending" while provisioning, then "up". The
// connections every organization has implicitly (magic link, TOTP) appear
// once they have been read or written; absent means the documented
// defaults.
type OrganizationState struct {
	Domain              string                    `json:"domain"`
	Name                string                    `json:"name"`
	AllowedEmailDomains []string                  `json:"allowed_email_domains"`
	Status              string                    `json:"status"`
	Deleted             bool                      `json:"deleted"`
	InsertedAt          string                    `json:"inserted_at,omitempty"`
	UpdatedAt           string                    `json:"updated_at,omitempty"`
	SSOConnection       *SSOConnectionState       `json:"sso_connection,omitempty"`
	DirectorySyncs      []DirectorySyncState      `json:"directory_syncs"`
	PasswordConnection  *PasswordConnectionState  `json:"password_connection,omitempty"`
	MagicLinkConnection *MagicLinkConnectionState `json:"magic_link_connection,omitempty"`
	TOTPConnection      *TOTPConnectionState      `json:"totp_connection,omitempty"`
	Admins              []AdminState              `json:"admins"`
	Users               []UserState               `json:"users"`
}

// SSOConnectionState is an organization's SSO connection (at most one);
// metadata is the IdP metadata XML, limit null when unset.
type SSOConnectionState struct {
	ID                           string  `json:"id"`
	SPID                         string  `json:"sp_id"`
	ProviderType                 string  `json:"provider_type"`
	Active                       bool    `json:"active"`
	NumberUsersProvisioningLimit *int64  `json:"number_users_provisioning_limit"`
	UsersAccessPolicy            string  `json:"users_access_policy"`
	Metadata                     *string `json:"metadata"`
	InsertedAt                   string  `json:"inserted_at,omitempty"`
	UpdatedAt                    string  `json:"updated_at,omitempty"`
}

// DirectorySyncState is the directory sync of one environment of an
// organization, with its current SCIM bearer token.
type DirectorySyncState struct {
	ID          string `json:"id"`
	Environment string `json:"environment"`
	Active      bool   `json:"active"`
	Token       string `json:"token"`
	InsertedAt  string `json:"inserted_at,omitempty"`
	UpdatedAt   string `json:"updated_at,omitempty"`
}

// PasswordConnectionState is an organization's password connection.
type PasswordConnectionState struct {
	ID                       string  `json:"id"`
	Active                   bool    `json:"active"`
	PlainTextMinLength       int     `json:"plain_text_min_length"`
	PlainTextMaxLength       int     `json:"plain_text_max_length"`
	PepperRotationPeriod     int     `json:"pepper_rotation_period"`
	ForgotPasswordTemplateID *string `json:"forgot_password_template_id"`
	InsertedAt               string  `json:"inserted_at,omitempty"`
	UpdatedAt                string  `json:"updated_at,omitempty"`
}

// MagicLinkConnectionState is an organization's magic-link connection.
type MagicLinkConnectionState struct {
	ID               string  `json:"id"`
	Active           bool    `json:"active"`
	FindOrCreateUser bool    `json:"find_or_create_user"`
	SignInTemplateID *string `json:"sign_in_template_id"`
}

// TOTPConnectionState is an organization's TOTP connection.
type TOTPConnectionState struct {
	Active          bool   `json:"active"`
	Method          string `json:"method"`
	ExpiryInSeconds int    `json:"expiry_in_seconds"`
}

// AdminState is one invited administrator of an organization.
type AdminState struct {
	ID         string `json:"id"`
	Email      string `json:"email"`
	InsertedAt string `json:"inserted_at,omitempty"`
}

// UserState is one end user of an organization in one environment;
// profile and address hold the set fields only.
type UserState struct {
	ID          string            `json:"id"`
	Environment string            `json:"environment"`
	Email       string            `json:"email"`
	PhoneNumber string            `json:"phone_number,omitempty"`
	Profile     map[string]string `json:"profile,omitempty"`
	Address     map[string]string `json:"address,omitempty"`
	Metadata    []UserMetaState   `json:"metadata,omitempty"`
	InsertedAt  string            `json:"inserted_at,omitempty"`
	UpdatedAt   string            `json:"updated_at,omitempty"`
}

// UserMetaState is one metadata value of a user.
type UserMetaState struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// WebhookState is one webhook of an environment, with its signing key.
type WebhookState struct {
	ID           string   `json:"id"`
	Environment  string   `json:"environment"`
	Name         string   `json:"name"`
	TargetURL    string   `json:"target_url"`
	EventCodes   []string `json:"event_codes"`
	SignatureKey string   `json:"signature_key"`
	InsertedAt   string   `json:"inserted_at,omitempty"`
	UpdatedAt    string   `json:"updated_at,omitempty"`
}

// WebhookEventState is one delivery job of the webhook event log.
type WebhookEventState struct {
	ID          int64  `json:"id"`
	Environment string `json:"environment"`
	WebhookID   string `json:"webhook_id"`
	EventCode   string `json:"event_code"`
	State       string `json:"state"`
	Attempt     int    `json:"attempt"`
	MaxAttempts int    `json:"max_attempts"`
	InsertedAt  string `json:"inserted_at,omitempty"`
	ScheduledAt string `json:"scheduled_at,omitempty"`
}

// RedirectURIState is one allowed redirect URI of an environment.
type RedirectURIState struct {
	ID          string `json:"id"`
	Environment string `json:"environment"`
	URI         string `json:"uri"`
	Default     bool   `json:"default"`
	InsertedAt  string `json:"inserted_at,omitempty"`
	UpdatedAt   string `json:"updated_at,omitempty"`
}
