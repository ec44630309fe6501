package cyrisma

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

func TestLoginIsLazyAndSendsAccessTokenHeader(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, rec := newClient(t, ts)
	if ts.Server.RequestCounts().Total != 0 {
		t.Fatal("New logged in before the first request")
	}
	ctx := context.Background()
	for range 3 {
		if _, err := c.ListInstances(ctx); err != nil {
			t.Fatalf("ListInstances: %v", err)
		}
	}
	if got := ts.Server.RequestCounts().Routes[routeLogin]; got != 1 || c.Logins() != 1 {
		t.Fatalf("%d logins (%d counted), want 1", c.Logins(), got)
	}
	if grants := rec.Grants(); !slices.Equal(grants, []string{"password"}) {
		t.Fatalf("grants %v, want [password]", grants)
	}
	for _, auth := range rec.Auths() {
		if !strings.HasPrefix(auth, "access_token ") || len(auth) <= len("access_token ") {
			t.Fatalf("Authorization header %q, want \"access_token <token>\"", auth)
		}
	}
}

func TestRenewalUsesRefreshGrant(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{TokenTTLSeconds: 1})
	rec := &recorder{}
	c := New(configFor(ts), httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2, Transport: rec, TokenRenewalMargin: 600 * time.Millisecond})
	ctx := context.Background()
	if _, err := c.ListInstances(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(600 * time.Millisecond) // within the 600 ms margin of the 1 s lifetime: renewed early
	if _, err := c.ListInstances(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // past expiry
	if _, err := c.ListInstances(ctx); err != nil {
		t.Fatalf("request after expiry: %v", err)
	}
	grants := rec.Grants()
	t.Logf("grants %v", grants)
	if len(grants) < 2 || grants[0] != "password" || slices.Contains(grants[1:], "password") {
		t.Fatalf("grants %v, want one password login then refresh_token renewals", grants)
	}
	if got := ts.Server.RequestCounts().Routes[routeLogin]; got != len(grants) || got != c.Logins() {
		t.Fatalf("%d login requests counted, %d recorded, %d logins", got, len(grants), c.Logins())
	}
	auths := rec.Auths()
	if len(auths) != 3 || auths[0] == auths[1] || auths[1] == auths[2] {
		t.Fatalf("Authorization headers %q: each renewal should bring a new access token", auths)
	}
}

func TestRefusedRefreshFallsBackToPassword(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c, rec := newClient(t, ts)
	tok, err := c.login(context.Background(), configFor(ts), &httpclient.Token{RefreshToken: "unknown-refresh-token"})
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	if tok.AccessToken == "" || tok.RefreshToken == "" || tok.Expiry.Before(time.Now()) {
		t.Fatalf("token %+v", tok)
	}
	if grants := rec.Grants(); !slices.Equal(grants, []string{"refresh_token", "password"}) {
		t.Fatalf("grants %v, want [refresh_token password]", grants)
	}
	// An expired refresh token is not even tried.
	rec2 := &recorder{}
	c2 := New(configFor(ts), httpclient.Config{Transport: rec2})
	if _, err := c2.login(context.Background(), configFor(ts), &httpclient.Token{RefreshToken: "r", RefreshExpiry: time.Now().Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if grants := rec2.Grants(); !slices.Equal(grants, []string{"password"}) {
		t.Fatalf("grants %v, want [password]", grants)
	}
}

func TestBadCredentials(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	cfg := configFor(ts)
	cfg.APISecret = "wrong"
	c := New(cfg, httpclient.Config{MaxRetries: 3})
	_, err := c.ListInstances(context.Background())
	apiErr, ok := httpclient.AsAPIError(err)
	if !ok || apiErr.StatusCode != http.StatusBadRequest || apiErr.Code != "invalid_grant" || apiErr.Service != "Cyrisma" || apiErr.Path != "/partner/login" {
		t.Fatalf("err = %v, want a 400 invalid_grant APIError from the login", err)
	}
	if got := ts.Server.RequestCounts().Routes[routeLogin]; got != 1 {
		t.Fatalf("%d login requests, want 1", got)
	}
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		body             string
		code, message    string
		field, fieldText string
	}{
		{"field", `{"error":"invalid_request","error_description":"short_name: is required"}`, "invalid_request", "short_name: is required", "short_name", "is required"},
		{"sentence", `{"error":"invalid_grant","error_description":"Invalid credentials: check the key"}`, "invalid_grant", "Invalid credentials: check the key", "", ""},
		{"no colon", `{"error":"invalid_token","error_description":"token expired"}`, "invalid_token", "token expired", "", ""},
		{"code only", `{"error":"unsupported_grant_type"}`, "unsupported_grant_type", "", "", ""},
		{"message", `{"error":"service_unavailable","message":"injected fault"}`, "service_unavailable", "injected fault", "", ""},
		{"text", "Bad Gateway\n", "", "Bad Gateway", "", ""},
		{"empty JSON", `{}`, "", "{}", "", ""},
	}
	for _, tt := range tests {
		got := decodeError(400, []byte(tt.body))
		if got.Code != tt.code || got.Message != tt.message {
			t.Errorf("%s: decodeError = %+v, want code %q message %q", tt.name, got, tt.code, tt.message)
		}
		if tt.field == "" {
			if len(got.FieldErrors) != 0 {
				t.Errorf("%s: unexpected FieldErrors %v", tt.name, got.FieldErrors)
			}
		} else if msgs := got.FieldErrors[tt.field]; len(got.FieldErrors) != 1 || len(msgs) != 1 || msgs[0] != tt.fieldText {
			t.Errorf("%s: FieldErrors = %v, want %s: %q", tt.name, got.FieldErrors, tt.field, tt.fieldText)
		}
	}
}
