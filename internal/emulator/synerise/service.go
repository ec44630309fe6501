package synerise

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/secretlog"
)

// defaultTokenTTL is the JWT lifetime when Options.TokenTTL gives none.
const defaultTokenTTL = 3600 * time.Second

// Options configures the Synerise emulator.
type Options struct {
	// TokenTTL returns the JWT lifetime, read each time a token is minted;
	// nil, or a function returning 0, means the 3600 s default.
	TokenTTL func() time.Duration
}

// Service is the in-memory Synerise auth and workspace API emulator. Its
// workspaces and users change only when a seed is loaded, tokens are
// self-contained signed JWTs, and the directory and the IP policies are
// guarded by their own mutexes, so it is safe for concurrent use.
type Service struct {
	opts   Options
	signer *signer
	mu     sync.Mutex // guards now
	now    func() time.Time

	dir        *directory     // workspaces and users: the built-in ones, then seeded ones
	ipPolicies ipPolicies     // one IP policy per workspace
	secrets    *secretlog.Log // every token minted, for IssuedSecrets
	// tokensMinted counts the access tokens minted, for TokensMinted.
	tokensMinted atomic.Int64
}

// New returns a Service with the seeded users, workspaces and API key and a
// freshly generated RSA 2048 signing key.
func New(opts Options) *Service {
	return &Service{opts: opts, signer: newSigner(), now: time.Now, dir: newDirectory(), secrets: secretlog.New(0)}
}

// clock returns the current time.
func (s *Service) clock() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now()
}

// setClock replaces the time source (tests only).
func (s *Service) setClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// tokenTTL returns the lifetime of a token minted now.
func (s *Service) tokenTTL() time.Duration {
	if s.opts.TokenTTL != nil {
		if d := s.opts.TokenTTL(); d > 0 {
			return d
		}
	}
	return defaultTokenTTL
}

// Register installs every Synerise route on mux with Go 1.22 method patterns.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /uauth/auth/login/user", s.handleUserLogin)
	mux.HandleFunc("POST /uauth/auth/login/user/mfa/verification", s.handleMFAVerification)
	mux.HandleFunc("POST /uauth/auth/login/user/profile/{businessProfileUUID}", s.handleSelectWorkspace)
	mux.HandleFunc("POST /uauth/v2/auth/login/profile", s.handleAPIKeyLogin)
	mux.HandleFunc("POST /v4/auth/login/profile", s.handleAPIKeyLogin)
	mux.HandleFunc("GET /v4/auth/refresh/profile", s.handleRefresh)
	mux.HandleFunc("GET /uauth/business-profile", s.handleListWorkspaces)
	mux.HandleFunc("GET /uauth/business-profile/{$}", s.handleListWorkspaces)
	mux.HandleFunc("GET /uauth/business-profile/current", s.handleCurrentWorkspace)
	mux.HandleFunc("POST /uauth/api-key/permission-check", s.handlePermissionCheck)
	mux.HandleFunc("GET /uauth/settings/user-bp-ip-policy", s.handleGetIPPolicy)
	mux.HandleFunc("POST /uauth/settings/user-bp-ip-policy", s.handleSetIPPolicy)
}

// Env returns the provider environment variables for this service:
// SYNERISE_API_URL (baseURL), SYNERISE_API_KEY, SYNERISE_USERNAME,
// SYNERISE_PASSWORD, SYNERISE_WORKSPACE_UUID and SYNERISE_MFA_TOTP_SECRET
// (the credentials of the MFA user and the first workspace).
func (s *Service) Env(baseURL string) map[string]string {
	return map[string]string{
		"SYNERISE_API_URL":         baseURL,
		"SYNERISE_API_KEY":         DemoAPIKey,
		"SYNERISE_USERNAME":        MFAUsername,
		"SYNERISE_PASSWORD":        MFAPassword,
		"SYNERISE_WORKSPACE_UUID":  WorkspaceUUID,
		"SYNERISE_MFA_TOTP_SECRET": MFATOTPSecret,
	}
}

// NoMFAUser returns the credentials of the seeded user without MFA.
func (s *Service) NoMFAUser() (username, password string) { return NoMFAUsername, NoMFAPassword }

// SecondWorkspaceUUID returns the UUID of the second seeded workspace.
func (s *Service) SecondWorkspaceUUID() string { return SecondWorkspace }

// canAccess reports whether u may select workspace guid.
func (u user) canAccess(guid string) bool {
	for _, g := range u.workspaces {
		if strings.EqualFold(g, guid) {
			return true
		}
	}
	return false
}
