package synerise

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

const routeIPPolicySet = "POST /uauth/settings/user-bp-ip-policy"

func TestIPPolicyAPIKeyAndUserShareTheWorkspace(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	ctx := context.Background()
	key, user := newClient(apiKeyConfig(ts)), newClient(mfaUserConfig(ts))
	got, err := key.GetIPPolicy(ctx)
	if err != nil || got.Enabled || got.EnableSupportSubnets || got.IPPolicy == nil || len(got.IPPolicy) != 0 {
		t.Fatalf("default policy %+v, %v", got, err)
	}
	want := IPPolicy{Enabled: true, EnableSupportSubnets: true, IPPolicy: []string{"203.0.113.7", "2001:db8::/32"}}
	set, err := user.SetIPPolicy(ctx, want)
	if err != nil || !set.Enabled || !set.EnableSupportSubnets || !slices.Equal(set.IPPolicy, want.IPPolicy) {
		t.Fatalf("SetIPPolicy = %+v, %v", set, err)
	}
	if got, err := key.GetIPPolicy(ctx); err != nil || !got.Enabled || !slices.Equal(got.IPPolicy, want.IPPolicy) {
		t.Fatalf("API key reads %+v, %v", got, err)
	}
	// A nil list is sent as [] and turns the policy off.
	if got, err := key.SetIPPolicy(ctx, IPPolicy{}); err != nil || got.Enabled || got.IPPolicy == nil || len(got.IPPolicy) != 0 {
		t.Fatalf("reset = %+v, %v", got, err)
	}
	if r := routes(ts); r[routeIPPolicySet] != 2 {
		t.Fatalf("routes %v", r)
	}
}

func TestIPPolicyErrors(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	ctx := context.Background()
	_, err := newClient(apiKeyConfig(ts)).SetIPPolicy(ctx, IPPolicy{Enabled: true, IPPolicy: []string{"10.0.0.0/40"}})
	apiErr, ok := httpclient.AsAPIError(err)
	if !ok || apiErr.StatusCode != http.StatusBadRequest || len(apiErr.FieldErrors["ipPolicy"]) != 1 {
		t.Fatalf("bad CIDR: err = %#v, want a 400 naming ipPolicy", err)
	}
	// A user without a selected workspace has no IP policy to read.
	_, err = newClient(noMFAUserConfig(ts)).GetIPPolicy(ctx)
	if apiErr, ok := httpclient.AsAPIError(err); !ok || apiErr.StatusCode != http.StatusForbidden {
		t.Fatalf("no workspace: err = %v, want 403", err)
	}
}

// fakeSynerise answers the API-key login, fails the first policy POST with
// 503, then answers the POST with an empty body and GET with policy.
func fakeSynerise(t *testing.T, posts *atomic.Int32, policy IPPolicy) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /uauth/v2/auth/login/profile", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]string{"token": "opaque"})
	})
	mux.HandleFunc("POST "+ipPolicyPath, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var sent IPPolicy
		if err := json.Unmarshal(body, &sent); err != nil || sent.IPPolicy == nil {
			t.Errorf("POST body %s", body)
		}
		if posts.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("GET "+ipPolicyPath, func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(policy)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestSetIPPolicyRetriesAndReadsBack(t *testing.T) {
	t.Parallel()
	var posts atomic.Int32
	srv := fakeSynerise(t, &posts, IPPolicy{Enabled: true, IPPolicy: []string{"192.0.2.1"}})
	c := newClient(Config{APIURL: srv.URL, APIKey: "3d9f6b2e-1c4a-4e8b-a5f7-0b2c4d6e8f10"})
	got, err := c.SetIPPolicy(context.Background(), IPPolicy{Enabled: true, IPPolicy: []string{"192.0.2.1"}})
	if err != nil || !got.Enabled || !slices.Equal(got.IPPolicy, []string{"192.0.2.1"}) {
		t.Fatalf("SetIPPolicy = %+v, %v", got, err)
	}
	if posts.Load() != 2 {
		t.Fatalf("%d POSTs, want 2 (the full replacement is retried after a 503)", posts.Load())
	}
}
