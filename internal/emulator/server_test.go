package emulator_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// client is a tiny raw-HTTP helper bound to a test server.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func start(t *testing.T, opts emulator.Options) (*emulator.TestServer, *client) {
	t.Helper()
	ts := emulator.StartTestServer(opts)
	t.Cleanup(ts.Close)
	return ts, &client{t: t, base: ts.URL, hc: &http.Client{Timeout: 10 * time.Second}}
}

type reply struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

func (c *client) do(method, path, contentType, body, token string) reply {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := reply{status: res.StatusCode, header: res.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &r.body)
	return r
}

// cryptrToken gets a Cryptr sandbox token using the exported env.
func (c *client) cryptrToken(env map[string]string) string {
	c.t.Helper()
	v := url.Values{"client_id": {env["CRYPTR_CLIENT_ID"]}, "client_secret": {env["CRYPTR_CLIENT_SECRET"]},
		"grant_type": {"client_credentials"}, "tenant_domain": {env["CRYPTR_ACCOUNT_DOMAIN"]}}
	r := c.do("POST", "/api/v2/oauth/token", "application/x-www-form-urlencoded", v.Encode(), "")
	if r.status != 200 {
		c.t.Fatalf("token: %d %s", r.status, r.raw)
	}
	return r.body["access_token"].(string)
}

func (c *client) putFaults(f string) reply {
	c.t.Helper()
	return c.do("PUT", "/_emulator/faults", "application/json", f, "")
}

func TestHealthz(t *testing.T) {
	_, c := start(t, emulator.Options{})
	r := c.do("GET", "/_emulator/healthz", "", "", "")
	if r.status != 200 || r.body["status"] != "ok" {
		t.Fatalf("healthz: %d %s", r.status, r.raw)
	}
}

func TestRequestCountsByPattern(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	c.do("GET", "/api/v2/organizations/a", "", "", tok)
	c.do("GET", "/api/v2/organizations/b", "", "", tok)
	c.do("GET", "/api/v2/organizations", "", "", tok)
	c.do("GET", "/no/such/route", "", "", "")
	c.do("GET", "/_emulator/healthz", "", "", "") // admin: not counted

	want := map[string]int{
		"POST /api/v2/oauth/token":           1,
		"GET /api/v2/organizations/{domain}": 2,
		"GET /api/v2/organizations":          1,
		"unmatched":                          1,
	}
	check := func(got emulator.RequestCounts, total int, want map[string]int) {
		t.Helper()
		if got.Total != total || len(got.Routes) != len(want) {
			t.Fatalf("counts = %+v, want total %d routes %v", got, total, want)
		}
		for k, v := range want {
			if got.Routes[k] != v {
				t.Errorf("routes[%q] = %d, want %d", k, got.Routes[k], v)
			}
		}
	}
	check(ts.Server.RequestCounts(), 5, want)

	r := c.do("GET", "/_emulator/requests", "", "", "")
	var viaAPI emulator.RequestCounts
	if err := json.Unmarshal([]byte(r.raw), &viaAPI); err != nil || r.status != 200 {
		t.Fatalf("GET requests: %d %s", r.status, r.raw)
	}
	check(viaAPI, 5, want)

	r = c.do("DELETE", "/_emulator/requests", "", "", "")
	if r.status != 200 || !strings.Contains(r.raw, `"routes":{}`) {
		t.Fatalf("DELETE requests: %d %s", r.status, r.raw)
	}
	check(ts.Server.RequestCounts(), 0, nil)
	c.do("GET", "/api/v2/organizations", "", "", tok)
	check(ts.Server.RequestCounts(), 1, map[string]int{"GET /api/v2/organizations": 1})
	ts.Server.ResetRequestCounts()
	check(ts.Server.RequestCounts(), 0, nil)
}

func TestFaultsGetPut(t *testing.T) {
	ts, c := start(t, emulator.Options{Faults: emulator.Faults{LatencyMS: 1}})
	if r := c.do("GET", "/_emulator/faults", "", "", ""); r.status != 200 || r.body["latency_ms"] != float64(1) {
		t.Fatalf("initial faults: %d %s", r.status, r.raw)
	}
	tests := []struct {
		name, body string
		status     int
	}{
		{"full object", `{"latency_ms":5,"error_rate":0.5,"rate_limit_per_second":7,"drop_rate":0.25,"token_ttl_seconds":9}`, 200},
		{"bad json", `{"latency_ms":`, 400},
		{"wrong type", `{"latency_ms":"5"}`, 400},
		{"unknown field", `{"latency_ms":5,"jitter_ms":3}`, 400},
		{"negative", `{"latency_ms":-1}`, 400},
		{"rate above 1", `{"error_rate":1.5}`, 400},
		{"trailing data", `{} {}`, 400},
		{"empty body", ``, 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if r := c.putFaults(tc.body); r.status != tc.status {
				t.Fatalf("PUT: %d %s", r.status, r.raw)
			}
		})
	}
	// Only the valid PUT took effect.
	want := emulator.Faults{LatencyMS: 5, ErrorRate: 0.5, RateLimitPerSecond: 7, DropRate: 0.25, TokenTTLSeconds: 9}
	if got := ts.Server.Faults(); got != want {
		t.Fatalf("Faults() = %+v, want %+v", got, want)
	}
	r := c.do("GET", "/_emulator/faults", "", "", "")
	var got emulator.Faults
	if err := json.Unmarshal([]byte(r.raw), &got); err != nil || got != want {
		t.Fatalf("GET faults = %s", r.raw)
	}
	// A full object: absent fields turn off.
	c.putFaults(`{"drop_rate":0}`)
	if got := ts.Server.Faults(); got != (emulator.Faults{}) {
		t.Fatalf("after partial PUT: %+v", got)
	}
	ts.Server.SetFaults(emulator.Faults{LatencyMS: 3})
	if got := ts.Server.Faults(); got.LatencyMS != 3 {
		t.Fatalf("SetFaults: %+v", got)
	}
}

func TestEnvAndFixtures(t *testing.T) {
	ts, _ := start(t, emulator.Options{})
	env := ts.Env()
	for _, k := range []string{
		"CRYPTR_SERVICE_URL", "CRYPTR_ACCOUNT_DOMAIN", "CRYPTR_CLIENT_ID", "CRYPTR_CLIENT_SECRET",
		"CYRISMA_API_URL", "CYRISMA_API_KEY", "CYRISMA_API_SECRET",
		"SYNERISE_API_URL", "SYNERISE_API_KEY", "SYNERISE_USERNAME", "SYNERISE_PASSWORD",
		"SYNERISE_WORKSPACE_UUID", "SYNERISE_MFA_TOTP_SECRET",
	} {
		if env[k] == "" {
			t.Errorf("env %s missing", k)
		}
	}
	if env["CRYPTR_SERVICE_URL"] != ts.URL || env["CYRISMA_API_URL"] != ts.URL+"/app" || env["SYNERISE_API_URL"] != ts.URL {
		t.Errorf("URLs: %v", env)
	}
	if !strings.HasPrefix(env["CRYPTR_CLIENT_ID"], "keysandbox") {
		t.Errorf("CRYPTR_CLIENT_ID = %q", env["CRYPTR_CLIENT_ID"])
	}
	if got := ts.Server.Env(ts.URL + "/"); got["CRYPTR_SERVICE_URL"] != ts.URL {
		t.Errorf("trailing slash not trimmed: %q", got["CRYPTR_SERVICE_URL"])
	}
	f := ts.Server.Fixtures()
	if !strings.HasPrefix(f.CryptrProductionClientID, "keyproduction") || f.CryptrProductionClientSecret == "" ||
		f.CyrismaRootInstanceID == "" || f.SyneriseNoMFAUsername == "" || f.SyneriseNoMFAPassword == "" ||
		f.SyneriseSecondWorkspaceUUID == "" || f.SyneriseSecondWorkspaceUUID == env["SYNERISE_WORKSPACE_UUID"] {
		t.Errorf("fixtures = %+v", f)
	}
}

// jwtClaims decodes a JWT's header and payload without verifying it.
func jwtClaims(t *testing.T, tok string) (header, payload map[string]any) {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", tok)
	}
	for i, dst := range []*map[string]any{&header, &payload} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			t.Fatal(err)
		}
	}
	return header, payload
}
