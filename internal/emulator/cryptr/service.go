package cryptr

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/secretlog"
)

// Demo account and API keys. They are fixed so that env files stay valid
// across emulator restarts.
const (
	accountDomain = "tenantops-demo"

	sandboxClientID        = "keysandbox_tenantops_demo_3f9c2a71d4e8"
	sandboxClientSecret    = "cs_sandbox_Qm7vT2xL9pR4wK8nZ3cF6hJ1dB5gY0aE"
	productionClientID     = "keyproduction_tenantops_demo_8b14e6d0c5a2"
	productionClientSecret = "cs_production_Vn2sK7qW4tH9mX1cR6pL3zF8jD5bG0yA"

	defaultTokenTTL = time.Hour
)

// apiKey is one demo API key (client credentials) and the environment it
// belongs to.
type apiKey struct {
	clientID, secret, env string
}

var apiKeys = []apiKey{
	{sandboxClientID, sandboxClientSecret, "sandbox"},
	{productionClientID, productionClientSecret, "production"},
}

// Options configures a Service.
type Options struct {
	// TokenTTL returns the lifetime of tokens minted now; nil or a value
	// <= 0 means the default of one hour.
	TokenTTL func() time.Duration
	// ProvisioningDelay is how long a new organization stays "pending"
	// before both of its environments are "up".
	ProvisioningDelay time.Duration
}

// Service is an in-memory emulation of the Cryptr Management API v2.
type Service struct {
	opts Options
	now  func() time.Time

	signingKey []byte
	kid        string

	mu       sync.Mutex
	orgs     map[string]*organization // by domain, tombstones included
	replaced []*organization          // tombstones whose domain was reused, for State
	seq      int64

	secrets *secretlog.Log // every token and key handed out, for IssuedSecrets
	// tokensMinted counts the access tokens minted, for TokensMinted.
	tokensMinted atomic.Int64

	// One store per group of objects, each guarded by mu too.
	sso    *ssoStore        // SSO connections, redirect URIs
	conns  *connectionStore // directory syncs, password / magic-link / TOTP connections
	people *peopleStore     // admins, users
	hooks  *webhookStore    // webhooks, webhook events
}

// New returns a Service with an empty organization store and a fresh
// random token signing key.
func New(opts Options) *Service {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		panic("cryptr: crypto/rand: " + err.Error())
	}
	return &Service{
		opts:       opts,
		now:        time.Now,
		signingKey: key,
		kid:        hex.EncodeToString(key[:8]),
		orgs:       map[string]*organization{},
		sso:        newSSOStore(),
		conns:      newConnectionStore(),
		people:     newPeopleStore(),
		hooks:      newWebhookStore(),
		secrets:    secretlog.New(0),
	}
}

// Register adds every Cryptr route to mux, using Go 1.22 method patterns.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v2/oauth/token", s.handleToken)
	mux.HandleFunc("POST /oauth/token", s.handleToken)
	mux.Handle("GET /api/v2/organizations", s.authenticated(s.handleListOrganizations))
	mux.Handle("POST /api/v2/organizations", s.authenticated(s.handleCreateOrganization))
	mux.Handle("GET /api/v2/organizations/{domain}", s.authenticated(s.handleGetOrganization))
	mux.Handle("PUT /api/v2/organizations/{domain}", s.authenticated(s.handleUpdateOrganization))
	mux.Handle("DELETE /api/v2/organizations/{domain}", s.authenticated(s.handleDeleteOrganization))
	s.registerSSO(mux)
	s.registerConnections(mux)
	s.registerPeople(mux)
	s.registerWebhooks(mux)
}

// Env returns the provider's Cryptr environment variables for an emulator
// listening at baseURL (the sandbox key is the exported one).
func (s *Service) Env(baseURL string) map[string]string {
	return map[string]string{
		"CRYPTR_SERVICE_URL":    baseURL,
		"CRYPTR_ACCOUNT_DOMAIN": accountDomain,
		"CRYPTR_CLIENT_ID":      sandboxClientID,
		"CRYPTR_CLIENT_SECRET":  sandboxClientSecret,
	}
}

// ProductionClient returns the credentials of the production API key,
// which is not exported in Env.
func (s *Service) ProductionClient() (id, secret string) {
	return productionClientID, productionClientSecret
}

// tokenTTL is the lifetime for a token minted now, in whole seconds (>= 1).
func (s *Service) tokenTTL() int64 {
	ttl := defaultTokenTTL
	if s.opts.TokenTTL != nil {
		if d := s.opts.TokenTTL(); d > 0 {
			ttl = d
		}
	}
	secs := int64((ttl + time.Second - 1) / time.Second)
	return max(secs, 1)
}
