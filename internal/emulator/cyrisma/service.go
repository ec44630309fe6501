package cyrisma

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/secretlog"
)

// Fixed demo credentials and seed values of the emulated partner account.
const (
	// DemoAPIKey is the partner API key (the login username).
	DemoAPIKey = "5f0c2b7e-8a41-4d3c-9e6f-1b2a3c4d5e6f"
	// DemoAPISecret is the initial partner API secret (the login password).
	DemoAPISecret = "VGVuYW50T3BzRW11bGF0b3JDeXJpc21hU2VjcmV0MDE"
	// RootInstance is the id of the seeded root organization (the MSP itself).
	RootInstance = "0b6e4f7a-3c2d-4e1f-8a9b-7c6d5e4f3a21"

	defaultTokenTTL   = 600 * time.Second
	refreshTokenTTL   = 24 * time.Hour
	rootInstanceName  = "TenantOps MSP"
	rootShortName     = "TenantOps"
	rootInstanceURL   = "cc100000.cyrisma.com"
	rootAgentKey      = "7d3f1a9c5e2b4d6f8a0c1e3b5d7f9a2c"
	apiPrefix         = "/app"
	pathPartnerPrefix = apiPrefix + "/partner"
)

// Service is the in-memory Cyrisma legacy Partner API emulator. It is safe
// for concurrent use.
type Service struct {
	opts      Options
	now       func() time.Time
	auth      *authStore
	instances *instanceStore
	users     *userStore
	secrets   *secretlog.Log // every token and secret handed out, for IssuedSecrets
	// tokensMinted counts the access tokens minted, for TokensMinted.
	tokensMinted atomic.Int64
	mu           sync.Mutex // guards now
}

// New returns a Service seeded with the demo credentials and the root
// organization instance. It panics if opts.Reactivate is not one of the
// ReactivateRoute values.
func New(opts Options) *Service {
	opts.Reactivate.paths() // panics on an unknown route
	s := &Service{opts: opts, now: time.Now, secrets: secretlog.New(0)}
	s.auth = newAuthStore(DemoAPIKey, DemoAPISecret)
	s.instances = newInstanceStore()
	s.users = newUserStore()
	return s
}

// clock returns the current time source.
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

// tokenTTL returns the access-token lifetime to use for a token minted now.
func (s *Service) tokenTTL() time.Duration {
	if s.opts.TokenTTL != nil {
		if d := s.opts.TokenTTL(); d > 0 {
			return d
		}
	}
	return defaultTokenTTL
}

// Register installs every Cyrisma route on mux, with full paths including
// the "/app" prefix and Go 1.22 method patterns.
func (s *Service) Register(mux *http.ServeMux) {
	p := pathPartnerPrefix
	mux.HandleFunc("POST "+p+"/login", s.handleLogin)
	mux.HandleFunc("POST "+p+"/login/{$}", s.handleLogin)
	mux.HandleFunc("POST "+p+"/login/regen-pass", s.handleRegenPass)
	mux.HandleFunc("POST "+p+"/login/regen-pass/{$}", s.handleRegenPass)

	mux.HandleFunc("GET "+p+"/instances/info", s.authed(s.handleListInstances))
	mux.HandleFunc("GET "+p+"/instances/info/{$}", s.authed(s.handleListInstances))
	mux.HandleFunc("GET "+p+"/instances/info/{instance_id}", s.authed(s.handleGetInstance))
	mux.HandleFunc("POST "+p+"/instances/create", s.authed(s.handleCreateInstance))
	mux.HandleFunc("PATCH "+p+"/instances/convert", s.authed(s.handleConvert))
	mux.HandleFunc("PATCH "+p+"/instances/suspend", s.authed(s.handleSuspend))
	for _, path := range s.opts.Reactivate.paths() {
		mux.HandleFunc("PATCH "+p+path, s.authed(s.handleReactivate))
	}
	mux.HandleFunc("PATCH "+p+"/instances/mfa", s.authed(s.handleSetMFA))

	mux.HandleFunc("POST "+p+"/instances/users/create", s.authed(s.handleCreateUser))
	mux.HandleFunc("GET "+p+"/users/info", s.authed(s.handleListUsers))
	mux.HandleFunc("GET "+p+"/users/info/{$}", s.authed(s.handleListUsers))
	mux.HandleFunc("GET "+p+"/users/info/{user_ref}", s.authed(s.handleGetUser))
	mux.HandleFunc("PATCH "+p+"/users/disable", s.authed(s.handleDisableUser))
}

// Env returns the provider environment variables for this service:
// CYRISMA_API_URL (baseURL + "/app"), CYRISMA_API_KEY and CYRISMA_API_SECRET
// (the secret currently valid, which changes after regen-pass).
func (s *Service) Env(baseURL string) map[string]string {
	return map[string]string{
		"CYRISMA_API_URL":    baseURL + apiPrefix,
		"CYRISMA_API_KEY":    DemoAPIKey,
		"CYRISMA_API_SECRET": s.auth.currentSecret(),
	}
}

// RootInstanceID returns the id of the seeded root organization instance.
func (s *Service) RootInstanceID() string { return RootInstance }
