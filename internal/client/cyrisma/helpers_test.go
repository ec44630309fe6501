package cyrisma

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

const (
	provisioningDelay = 200 * time.Millisecond
	pollInterval      = 10 * time.Millisecond
	routeLogin        = "POST /app/partner/login"
	routeCreate       = "POST /app/partner/instances/create"
	// routeListInstances and routeListUsers are the full listings, which
	// the natural-key look-ups read.
	routeListInstances = "GET /app/partner/instances/info"
	routeListUsers     = "GET /app/partner/users/info"
)

func startEmulator(t *testing.T, faults emulator.Faults) *emulator.TestServer {
	t.Helper()
	ts := emulator.StartTestServer(emulator.Options{CyrismaProvisioningDelay: provisioningDelay, Faults: faults})
	t.Cleanup(ts.Close)
	return ts
}

func configFor(ts *emulator.TestServer) Config {
	env := ts.Env()
	return Config{APIURL: env["CYRISMA_API_URL"], APIKey: env["CYRISMA_API_KEY"], APISecret: env["CYRISMA_API_SECRET"]}
}

// recorder is a transport that records the login grants and the
// Authorization headers the client sends.
type recorder struct {
	mu     sync.Mutex
	grants []string
	auths  []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		_ = req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	r.mu.Lock()
	if strings.HasSuffix(req.URL.Path, "/partner/login") {
		form, _ := url.ParseQuery(string(body))
		r.grants = append(r.grants, form.Get("grant_type"))
	} else {
		r.auths = append(r.auths, req.Header.Get("Authorization"))
	}
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *recorder) Grants() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.grants...)
}

func (r *recorder) Auths() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.auths...)
}

func newClient(t *testing.T, ts *emulator.TestServer) (*Client, *recorder) {
	t.Helper()
	rec := &recorder{}
	return New(configFor(ts), httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2, Transport: rec}), rec
}
