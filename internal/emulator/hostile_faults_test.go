package emulator_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// closesWithin runs fn and fails the test if it takes longer than d.
func closesWithin(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { fn(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("close still blocked after %v", d)
	}
}

func TestHangIsReleasedWhenTheClientGivesUp(t *testing.T) {
	// A plain httptest server around the handler, without Server.Close:
	// its Close returns only once every handler has, which proves the held
	// requests were let go when their clients gave up.
	s := emulator.New(emulator.Options{Faults: emulator.Faults{HangRate: 1}})
	hs := httptest.NewServer(s.Handler())
	defer hs.Close()
	for _, m := range []string{"GET", "POST"} {
		ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
		req, _ := http.NewRequestWithContext(ctx, m, hs.URL+"/api/v2/organizations", strings.NewReader("name=Acme"))
		req.Header.Set("Content-Type", formCT)
		begin := time.Now()
		res, err := http.DefaultClient.Do(req)
		cancel()
		if err == nil {
			res.Body.Close()
			t.Fatalf("%s: answered %d, want no answer", m, res.StatusCode)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: error %v, want the client's deadline", m, err)
		}
		if d := time.Since(begin); d > 2*time.Second {
			t.Errorf("%s: client waited %v", m, d)
		}
	}
	if got := s.RequestCounts().Faults; got != (emulator.FaultCounts{Hung: 2}) {
		t.Errorf("fault counts = %+v", got)
	}
	closesWithin(t, 3*time.Second, hs.Close)
	if n := len(s.State().Cryptr.Organizations); n != 0 {
		t.Errorf("a held request was applied: %d organizations", n)
	}
}

func TestHangIsReleasedByClose(t *testing.T) {
	for name, startFn := range map[string]func(emulator.Options) *emulator.TestServer{
		"http": emulator.StartTestServer, "https": emulator.StartTestServerTLS,
	} {
		t.Run(name, func(t *testing.T) {
			ts := startFn(emulator.Options{})
			ts.Server.SetFaults(emulator.Faults{HangRate: 1})
			errc := make(chan error, 1)
			go func() {
				hc := ts.Client()
				hc.Timeout = 30 * time.Second
				res, err := hc.Post(ts.URL+"/api/v2/organizations", formCT, strings.NewReader("name=Acme"))
				if err == nil {
					res.Body.Close()
					err = errors.New("answered " + res.Status)
				}
				errc <- err
			}()
			waitFor(t, "the request to be held", func() bool { return ts.Server.RequestCounts().Faults.Hung == 1 })
			closesWithin(t, 3*time.Second, ts.Close)
			select {
			case err := <-errc:
				if strings.HasPrefix(err.Error(), "answered") {
					t.Fatal(err)
				}
			case <-time.After(3 * time.Second):
				t.Fatal("client still waiting after Close")
			}
		})
	}
}

func TestHangAfterServerCloseDropsAtOnce(t *testing.T) {
	s := emulator.New(emulator.Options{Faults: emulator.Faults{HangRate: 1}})
	hs := httptest.NewServer(s.Handler())
	defer hs.Close()
	s.Close()
	s.Close() // idempotent
	if status, answered := rawDo(t, "GET", hs.URL+"/api/v2/organizations", "", "", ""); answered {
		t.Fatalf("answered %d, want a drop", status)
	}
}

func TestThrottleSendsTheChosenRetryAfter(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	c.putFaults(`{"throttle_rate":1,"retry_after_seconds":3600}`)
	for i := 0; i < 3; i++ {
		r := c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok)
		if r.status != 429 || r.header.Get("Retry-After") != "3600" || r.body["error"] != "rate_limited" ||
			!strings.Contains(r.body["message"].(string), "3600 seconds") {
			t.Fatalf("want 429 Retry-After 3600: %d %v %s", r.status, r.header, r.raw)
		}
	}
	if got := ts.Server.RequestCounts().Faults; got != (emulator.FaultCounts{Throttled: 3}) {
		t.Errorf("fault counts = %+v", got)
	}
	if n := len(ts.Server.State().Cryptr.Organizations); n != 0 {
		t.Errorf("a throttled create was applied: %d organizations", n)
	}
	// The rate limit's 429 sends it too.
	c.putFaults(`{"rate_limit_per_second":1,"retry_after_seconds":7}`)
	c.do("GET", "/api/v2/organizations", "", "", tok)
	if r := c.do("GET", "/api/v2/organizations", "", "", tok); r.status != 429 || r.header.Get("Retry-After") != "7" {
		t.Fatalf("rate limit: %d %v", r.status, r.header)
	}
}

func TestOversizedAnswer(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	const size = 3 << 20
	c.putFaults(`{"oversized_rate":1,"oversized_body_bytes":` + strconv.Itoa(size) + `}`)
	r := c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok)
	if r.status != 201 || len(r.raw) < size || r.header.Get("Content-Length") != strconv.Itoa(len(r.raw)) {
		t.Fatalf("create: %d, %d bytes, Content-Length %s", r.status, len(r.raw), r.header.Get("Content-Length"))
	}
	// Valid JSON: the real object plus a padding member.
	if r.body["domain"] != "acme" || r.body["name"] != "Acme" || len(r.body["emulator_padding"].(string)) < size-1000 {
		t.Fatalf("padded object: %.300s", r.raw)
	}
	// A non-JSON answer (here the mux's 404 text) is followed by spaces.
	r = c.do("GET", "/no/such/route", "", "", "")
	if r.status != 404 || len(r.raw) < size || !strings.HasPrefix(r.raw, "404 page not found") ||
		strings.TrimSpace(r.raw) != "404 page not found" {
		t.Fatalf("404: %d, %d bytes, %.100q", r.status, len(r.raw), r.raw)
	}
	if got := ts.Server.RequestCounts().Faults; got != (emulator.FaultCounts{Oversized: 2}) {
		t.Errorf("fault counts = %+v", got)
	}
	// An answer already larger is left as it is (but counted).
	c.putFaults(`{"oversized_rate":1,"oversized_body_bytes":10}`)
	r = c.do("GET", "/api/v2/organizations/acme", "", "", tok)
	if r.status != 200 || r.body["domain"] != "acme" || r.body["emulator_padding"] != "" {
		t.Fatalf("small size: %d %s", r.status, r.raw)
	}
}

func TestRedirect(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	noFollow := &http.Client{
		Timeout:       5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	get := func(path string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader("name=Acme"))
		req.Header.Set("Content-Type", formCT)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	c.putFaults(`{"redirect_rate":1,"redirect_to":"https://elsewhere.example/base/"}`)
	res := get("/api/v2/organizations?x=1&y=%2F")
	if res.StatusCode != 302 || res.Header.Get("Location") != "https://elsewhere.example/base/api/v2/organizations?x=1&y=%2F" {
		t.Fatalf("redirect: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	c.putFaults(`{"redirect_rate":1,"redirect_to":"http://127.0.0.1:9","redirect_status":307}`)
	if res := get("/api/v2/organizations"); res.StatusCode != 307 || res.Header.Get("Location") != "http://127.0.0.1:9/api/v2/organizations" {
		t.Fatalf("redirect 307: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := ts.Server.RequestCounts().Faults; got != (emulator.FaultCounts{Redirected: 2}) {
		t.Errorf("fault counts = %+v", got)
	}
	if n := len(ts.Server.State().Cryptr.Organizations); n != 0 {
		t.Errorf("a redirected create was applied: %d organizations", n)
	}
}

func TestEchoAuthorization(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	ts.Server.SetFaults(emulator.Faults{EchoAuthorizationRate: 1})
	req, _ := http.NewRequest("POST", ts.URL+"/api/v2/organizations", strings.NewReader("name=Acme"))
	req.Header.Set("Content-Type", formCT)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("X-Api-Key", "key-123")
	req.Header.Set("Api-Key", "key-456")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var body map[string]string
	if err := json.Unmarshal(raw, &body); err != nil || res.StatusCode != 500 {
		t.Fatalf("%d %s %v", res.StatusCode, raw, err)
	}
	for _, want := range []string{"Authorization: Bearer " + tok, "X-Api-Key: key-123", "Api-Key: key-456", "body: name=Acme"} {
		if !strings.Contains(body["message"], want) {
			t.Errorf("message lacks %q: %s", want, body["message"])
		}
	}
	if body["error"] != "internal_error" || body["error_description"] != body["message"] {
		t.Errorf("body: %s", raw)
	}
	if got := ts.Server.RequestCounts().Faults; got != (emulator.FaultCounts{EchoedAuthorization: 1}) {
		t.Errorf("fault counts = %+v", got)
	}
	if n := len(ts.Server.State().Cryptr.Organizations); n != 0 {
		t.Errorf("an echoed create was applied: %d organizations", n)
	}
}

func TestAnonymousAnswerLacksTheIdentityButIsApplied(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	c.putFaults(`{"anonymous_answer_rate":1}`)
	r := c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok)
	if r.status != 201 || r.raw != "{\"id\":\"x\"}\n" || r.body["domain"] != nil ||
		!strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("anonymous answer: %d %v %q", r.status, r.header, r.raw)
	}
	// Errors are not replaced (nor counted).
	if r := c.do("GET", "/api/v2/organizations/acme", "", "", "bad-token"); r.status != 401 || r.body["id"] != nil {
		t.Fatalf("error answer replaced: %d %s", r.status, r.raw)
	}
	if got := ts.Server.RequestCounts().Faults; got != (emulator.FaultCounts{AnonymousAnswer: 1}) {
		t.Errorf("fault counts = %+v", got)
	}
	c.putFaults(`{}`)
	if r := c.do("GET", "/api/v2/organizations/acme", "", "", tok); r.status != 200 || r.body["name"] != "Acme" {
		t.Fatalf("the create was not applied: %d %s", r.status, r.raw)
	}
}

func TestScopeLimitsEveryFault(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	c.putFaults(`{"error_rate":1,"rate_limit_per_second":1,"only_method":"POST","only_path_prefix":"/api/v2/organizations"}`)
	for i := 0; i < 3; i++ {
		if r := c.do("GET", "/api/v2/organizations", "", "", tok); r.status != 200 {
			t.Fatalf("GET out of scope faulted: %d %s", r.status, r.raw)
		}
	}
	c.cryptrToken(ts.Env()) // POST /api/v2/oauth/token: out of scope
	if r := c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok); r.status != 503 {
		t.Fatalf("first create: %d %s", r.status, r.raw)
	}
	if r := c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok); r.status != 429 {
		t.Fatalf("second create: %d %s", r.status, r.raw)
	}
	if got := ts.Server.RequestCounts().Faults; got != (emulator.FaultCounts{Error: 1, RateLimited: 1}) {
		t.Errorf("fault counts = %+v", got)
	}
	// Method alone; login routes are faulted like any other.
	c.putFaults(`{"throttle_rate":1,"only_method":"POST"}`)
	v := "grant_type=client_credentials"
	if r := c.do("POST", "/api/v2/oauth/token", formCT, v, ""); r.status != 429 {
		t.Fatalf("login out of scope: %d", r.status)
	}
	if r := c.do("GET", "/api/v2/organizations", "", "", tok); r.status != 200 {
		t.Fatalf("GET faulted: %d", r.status)
	}
	// Path prefix alone.
	c.putFaults(`{"drop_rate":1,"only_path_prefix":"/app/"}`)
	if _, answered := rawDo(t, "GET", ts.URL+"/app/partner/users/info", "", "", ""); answered {
		t.Fatal("in scope, answered")
	}
	if status, answered := rawDo(t, "GET", ts.URL+"/api/v2/organizations", "", "", tok); !answered || status != 200 {
		t.Fatalf("out of scope: %d %v", status, answered)
	}
}

func TestNewFaultsValidation(t *testing.T) {
	_, c := start(t, emulator.Options{})
	for body, status := range map[string]int{
		`{"hang_rate":0.5,"throttle_rate":1,"retry_after_seconds":3600}`:                 200,
		`{"oversized_rate":1,"oversized_body_bytes":1048576}`:                            200,
		`{"redirect_rate":1,"redirect_to":"http://127.0.0.1:1/x","redirect_status":308}`: 200,
		`{"echo_authorization_rate":1,"anonymous_answer_rate":1}`:                        200,
		`{"only_method":"POST","only_path_prefix":"/api/v2/organizations"}`:              200,
		`{"redirect_to":"https://x.example"}`:                                            200,
		`{"hang_rate":1.5}`:                                                              400,
		`{"throttle_rate":-0.1}`:                                                         400,
		`{"retry_after_seconds":-1}`:                                                     400,
		`{"oversized_rate":1}`:                                                           400,
		`{"oversized_body_bytes":-1}`:                                                    400,
		`{"oversized_rate":1,"oversized_body_bytes":2147483648}`:                         400,
		`{"redirect_rate":1}`:                                                            400,
		`{"redirect_rate":1,"redirect_to":"/relative"}`:                                  400,
		`{"redirect_rate":1,"redirect_to":"ftp://x.example"}`:                            400,
		`{"redirect_rate":1,"redirect_to":"https://x.example/?q=1"}`:                     400,
		`{"redirect_rate":1,"redirect_to":"https://x.example","redirect_status":200}`:    400,
		`{"echo_authorization_rate":2}`:                                                  400,
		`{"anonymous_answer_rate":-1}`:                                                   400,
		`{"only_method":"post"}`:                                                         400,
		`{"only_path_prefix":"api/v2"}`:                                                  400,
		`{"hang":1}`:                                                                     400,
	} {
		if r := c.putFaults(body); r.status != status {
			t.Errorf("PUT %s: %d %s", body, r.status, r.raw)
		}
	}
	// GET answers the full object, new fields included.
	c.putFaults(`{}`)
	r := c.do("GET", "/_emulator/faults", "", "", "")
	for _, k := range []string{"hang_rate", "retry_after_seconds", "throttle_rate", "oversized_body_bytes", "oversized_rate",
		"redirect_to", "redirect_rate", "redirect_status", "echo_authorization_rate", "anonymous_answer_rate",
		"only_method", "only_path_prefix"} {
		if _, ok := r.body[k]; !ok {
			t.Errorf("GET faults lacks %s: %s", k, r.raw)
		}
	}
}

func TestFaultOrderOfTheNewFaults(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	tok := c.cryptrToken(ts.Env())
	// Throttle comes before everything but the rate limit; error before
	// redirect; redirect before echo; echo before the answer faults.
	steps := []struct {
		faults string
		status int
	}{
		{`{"throttle_rate":1,"drop_rate":1,"hang_rate":1,"error_rate":1}`, 429},
		{`{"error_rate":1,"redirect_rate":1,"redirect_to":"http://x.example"}`, 503},
		{`{"redirect_rate":1,"redirect_to":"http://x.example","echo_authorization_rate":1}`, 302},
		{`{"echo_authorization_rate":1,"anonymous_answer_rate":1}`, 500},
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, s := range steps {
		c.putFaults(s.faults)
		req, _ := http.NewRequest("POST", ts.URL+"/api/v2/organizations", strings.NewReader("name=Acme"))
		req.Header.Set("Content-Type", formCT)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != s.status {
			t.Errorf("%s: %d, want %d", s.faults, res.StatusCode, s.status)
		}
	}
	// Anonymous then oversized: the garbage is padded.
	c.putFaults(`{"anonymous_answer_rate":1,"oversized_rate":1,"oversized_body_bytes":5000}`)
	r := c.do("POST", "/api/v2/organizations", formCT, "name=Acme", tok)
	if r.status != 201 || r.body["id"] != "x" || r.body["domain"] != nil || len(r.raw) < 5000 {
		t.Fatalf("anonymous and oversized: %d %.100s", r.status, r.raw)
	}
	// Drop after commit wins over the answer faults.
	c.putFaults(`{"drop_after_commit_rate":1,"anonymous_answer_rate":1,"oversized_rate":1,"oversized_body_bytes":5000}`)
	if _, answered := rawDo(t, "POST", ts.URL+"/api/v2/organizations", formCT, "name=Other", tok); answered {
		t.Fatal("answered, want a drop after commit")
	}
	want := emulator.FaultCounts{Throttled: 1, Error: 1, Redirected: 1, EchoedAuthorization: 1,
		AnonymousAnswer: 1, Oversized: 1, DroppedAfterCommit: 1}
	if got := ts.Server.RequestCounts().Faults; got != want {
		t.Errorf("fault counts = %+v, want %+v", got, want)
	}
}

func TestTLSTestServer(t *testing.T) {
	ts := emulator.StartTestServerTLS(emulator.Options{})
	if !strings.HasPrefix(ts.URL, "https://127.0.0.1:") || ts.Env()["CRYPTR_SERVICE_URL"] != ts.URL {
		t.Fatalf("URL %s, env %v", ts.URL, ts.Env())
	}
	pemBytes, err := os.ReadFile(ts.CertFile)
	if err != nil || string(pemBytes) != string(ts.CertPEM) {
		t.Fatalf("cert file: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		t.Fatal("cert file holds no certificate")
	}
	// The certificate: self-signed ECDSA, for the loopback names, short-lived.
	block, _ := pem.Decode(pemBytes)
	if block == nil || block.Type != "CERTIFICATE" || strings.Contains(string(pemBytes), "PRIVATE KEY") {
		t.Fatalf("cert file: %s", pemBytes)
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := leaf.PublicKey.(*ecdsa.PublicKey); !ok {
		t.Errorf("key %T, want ECDSA", leaf.PublicKey)
	}
	if time.Until(leaf.NotAfter) > 2*time.Hour || len(leaf.IPAddresses) != 2 || leaf.DNSNames[0] != "localhost" {
		t.Errorf("certificate: not after %v, IPs %v, names %v", leaf.NotAfter, leaf.IPAddresses, leaf.DNSNames)
	}

	// Trusting the PEM (HTTP/2 and HTTP/1.1 alike): served.
	for name, tr := range map[string]*http.Transport{
		"h2":       {TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true},
		"http/1.1": {TLSClientConfig: &tls.Config{RootCAs: pool}},
	} {
		res, err := (&http.Client{Transport: tr, Timeout: 5 * time.Second}).Get(ts.URL + "/_emulator/healthz")
		if err != nil {
			t.Fatalf("%s: trusting client: %v", name, err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", name, res.StatusCode)
		}
		tr.CloseIdleConnections()
	}
	res, err := ts.Client().Get(ts.URL + "/api/v2/organizations")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Fatalf("API through Client(): %d", res.StatusCode)
	}

	// Not trusting it: a certificate error, at once.
	_, err = (&http.Client{Timeout: 5 * time.Second}).Get(ts.URL + "/_emulator/healthz")
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Fatalf("untrusting client: %v, want x509.UnknownAuthorityError", err)
	}
	ts.Close()
	if _, err := os.Stat(ts.CertFile); !os.IsNotExist(err) {
		t.Errorf("cert file left after Close: %v", err)
	}
}
