package emulator

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/synerise"
)

// adminPrefix is the path prefix of the admin API; requests under it are
// never counted nor faulted.
const adminPrefix = "/_emulator/"

// Options configures a Server.
type Options struct {
	// CryptrProvisioningDelay is how long a new Cryptr organization stays pending.
	CryptrProvisioningDelay time.Duration
	// CyrismaProvisioningDelay is how long a new Cyrisma instance stays unreadable.
	CyrismaProvisioningDelay time.Duration
	// CyrismaReportEnabled adds "enabled" (1 active, 0 suspended) to the
	// Cyrisma instance answers (list and by id), which the reference's
	// instance schema does not have. Off by default: clients then tell a
	// suspended instance by its absence from the full listing, as against
	// the real API (see cyrisma.Options.ReportEnabled).
	CyrismaReportEnabled bool
	// CyrismaReactivate selects the path that serves Cyrisma's reactivation:
	// by default the reference's PATCH /partner/instances/info;
	// cyrisma.ReactivateAtReactivate serves the OpenAPI document's PATCH
	// /partner/instances/reactivate instead, cyrisma.ReactivateAtBoth both.
	CyrismaReactivate cyrisma.ReactivateRoute
	// Faults are the faults injected from the start.
	Faults Faults
}

// Fixtures is extra seeded test data that is not part of the exported env.
type Fixtures struct {
	CryptrProductionClientID     string
	CryptrProductionClientSecret string
	CyrismaRootInstanceID        string
	SyneriseNoMFAUsername        string
	SyneriseNoMFAPassword        string
	SyneriseSecondWorkspaceUUID  string
}

// Server is the in-memory emulator of the Cryptr, Cyrisma and Synerise APIs
// plus its admin API, all served by one handler.
type Server struct {
	mux      *http.ServeMux
	handler  http.Handler
	faults   *faultInjector
	cryptr   *cryptr.Service
	cyrisma  *cyrisma.Service
	synerise *synerise.Service

	countMu sync.Mutex
	counts  RequestCounts
}

// New returns a Server with freshly seeded services.
func New(opts Options) *Server {
	s := &Server{
		mux:    http.NewServeMux(),
		counts: RequestCounts{Routes: map[string]int{}},
	}
	s.faults = newFaultInjector(opts.Faults, s.countFault)
	ttl := s.tokenTTL
	s.cryptr = cryptr.New(cryptr.Options{TokenTTL: ttl, ProvisioningDelay: opts.CryptrProvisioningDelay})
	s.cyrisma = cyrisma.New(cyrisma.Options{TokenTTL: ttl, ProvisioningDelay: opts.CyrismaProvisioningDelay,
		ReportEnabled: opts.CyrismaReportEnabled, Reactivate: opts.CyrismaReactivate})
	s.synerise = synerise.New(synerise.Options{TokenTTL: ttl})
	s.cryptr.Register(s.mux)
	s.cyrisma.Register(s.mux)
	s.synerise.Register(s.mux)
	s.registerAdmin(s.mux)
	s.handler = http.HandlerFunc(s.serve)
	return s
}

// Handler returns the handler serving the three APIs and the admin API.
func (s *Server) Handler() http.Handler { return s.handler }

// serve counts and faults API requests, then routes them; admin requests
// are routed directly.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.mux.ServeHTTP(w, r)
		return
	}
	_, pattern := s.mux.Handler(r)
	s.count(routeKey(r.Method, pattern))
	switch p := s.faults.apply(w, r); {
	case p.done:
	case p.postServe():
		s.serveCaptured(w, r, p)
	default:
		s.mux.ServeHTTP(w, r)
	}
}

// Close ends every request held by the hang fault (hang_rate), closing its
// connection without an answer, and makes the hang fault do so at once
// from then on; everything else is served as before. Call it when the
// http.Server serving Handler shuts down, for example with
// srv.RegisterOnShutdown(s.Close): http.Server.Shutdown and
// httptest.Server.Close wait for requests in flight, and a held request
// would otherwise keep them waiting until its client gives up.
// TestServer.Close calls it. It is safe to call more than once.
func (s *Server) Close() { s.faults.close() }

// SetFaults replaces the injected faults.
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }

// Faults returns the injected faults.
func (s *Server) Faults() Faults { return s.faults.get() }

// tokenTTL is the token lifetime passed to every service: the
// token_ttl_seconds fault when set, else 0 (the service's default).
func (s *Server) tokenTTL() time.Duration {
	return time.Duration(s.Faults().TokenTTLSeconds) * time.Second
}

// Env returns every environment variable of the provider contract for an
// emulator reachable at baseURL (no trailing slash).
func (s *Server) Env(baseURL string) map[string]string {
	baseURL = strings.TrimRight(baseURL, "/")
	env := map[string]string{}
	for _, part := range []map[string]string{
		s.cryptr.Env(baseURL), s.cyrisma.Env(baseURL), s.synerise.Env(baseURL),
	} {
		for k, v := range part {
			env[k] = v
		}
	}
	return env
}

// Fixtures returns the seeded test data that Env does not export.
func (s *Server) Fixtures() Fixtures {
	var f Fixtures
	f.CryptrProductionClientID, f.CryptrProductionClientSecret = s.cryptr.ProductionClient()
	f.CyrismaRootInstanceID = s.cyrisma.RootInstanceID()
	f.SyneriseNoMFAUsername, f.SyneriseNoMFAPassword = s.synerise.NoMFAUser()
	f.SyneriseSecondWorkspaceUUID = s.synerise.SecondWorkspaceUUID()
	return f
}
