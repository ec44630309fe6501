package cryptr

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/clienttest"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// TestEveryCreateIsMadeOnceWhenItsAnswerIsLost: for every Cryptr create,
// an answer lost after the API applied the request yields the object made
// (found by its natural key, not made twice), and a request lost before it
// reached the API is sent again (the look-up proves nothing was made).
func TestEveryCreateIsMadeOnceWhenItsAnswerIsLost(t *testing.T) {
	t.Parallel()
	type createCase struct {
		name   string
		suffix string
		// create makes the object in the organization domain and returns
		// a description that must be non-empty.
		create func(ctx context.Context, c *Client, domain string) (string, error)
		// count counts the objects with the natural key in domain.
		count func(ctx context.Context, c *Client, domain string) (int, error)
	}
	countIn := func(n int, err error) (int, error) { return n, err }
	cases := []createCase{
		{"organization", "/organizations", func(ctx context.Context, c *Client, domain string) (string, error) {
			o, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Lost " + domain})
			return value(o, err, func(o *Organization) string { return o.Domain })
		}, func(ctx context.Context, c *Client, domain string) (int, error) {
			list, err := c.ListOrganizations(ctx, ListOrganizationsOptions{})
			return countIn(matching(list, func(o Organization) bool { return o.Name == "Lost "+domain }), err)
		}},
		{"SSO connection", "/sso-connection", func(ctx context.Context, c *Client, domain string) (string, error) {
			s, err := c.CreateSSOConnection(ctx, domain, SSOConnectionInput{ProviderType: "saml.okta", Active: true}, nil)
			return value(s, err, func(s *SSOConnection) string { return s.ID })
		}, func(ctx context.Context, c *Client, domain string) (int, error) {
			list, err := c.ListSSOConnections(ctx, 0)
			return countIn(matching(list, func(s SSOConnection) bool { return s.OrganizationDomain == domain }), err)
		}},
		{"directory sync", "/directory-sync", func(ctx context.Context, c *Client, domain string) (string, error) {
			d, err := c.CreateDirectorySync(ctx, domain)
			return value(d, err, func(d *DirectorySync) string { return d.Token() })
		}, func(ctx context.Context, c *Client, domain string) (int, error) {
			_, err := c.GetDirectorySync(ctx, domain)
			return boolCount(err)
		}},
		{"password connection", "/password-connection", func(ctx context.Context, c *Client, domain string) (string, error) {
			p, err := c.CreatePasswordConnection(ctx, domain, PasswordConnectionInput{Active: true, PlainTextMinLength: 12, PlainTextMaxLength: 64, PepperRotationPeriod: 3600})
			return value(p, err, func(p *PasswordConnection) string { return p.ID })
		}, func(ctx context.Context, c *Client, domain string) (int, error) {
			_, err := c.GetPasswordConnection(ctx, domain)
			return boolCount(err)
		}},
		{"redirect URI", "/redirect-uris", func(ctx context.Context, c *Client, domain string) (string, error) {
			r, err := c.CreateRedirectURI(ctx, RedirectURIInput{URI: "https://" + domain + ".example.com/callback"})
			return value(r, err, func(r *RedirectURI) string { return r.ID })
		}, func(ctx context.Context, c *Client, domain string) (int, error) {
			list, err := c.ListRedirectURIs(ctx, 0)
			return countIn(matching(list, func(r RedirectURI) bool { return r.URI == "https://"+domain+".example.com/callback" }), err)
		}},
		{"webhook", "/webhooks", func(ctx context.Context, c *Client, domain string) (string, error) {
			w, err := c.CreateWebhook(ctx, WebhookInput{Name: "hook " + domain, TargetURL: "https://hooks.example.com/" + domain, EventCodes: []string{"dir_sync.all"}})
			return value(w, err, func(w *Webhook) string { return w.ID })
		}, func(ctx context.Context, c *Client, domain string) (int, error) {
			list, err := c.ListWebhooks(ctx, 0)
			return countIn(matching(list, func(w Webhook) bool { return w.Name == "hook "+domain }), err)
		}},
		{"admin", "/admins", func(ctx context.Context, c *Client, domain string) (string, error) {
			a, err := c.CreateAdmin(ctx, domain, "admin@"+domain+".example.com")
			return value(a, err, func(a *Admin) string { return a.Email })
		}, func(ctx context.Context, c *Client, domain string) (int, error) {
			list, err := c.ListAdmins(ctx, domain)
			return countIn(len(list), err)
		}},
		{"user", "/users", func(ctx context.Context, c *Client, domain string) (string, error) {
			u, err := c.CreateUser(ctx, domain, UserInput{Email: "user@" + domain + ".example.com"})
			return value(u, err, func(u *User) string { return u.ID })
		}, func(ctx context.Context, c *Client, domain string) (int, error) {
			list, err := c.ListUsers(ctx, domain)
			return countIn(len(list), err)
		}},
	}
	ts := startEmulator(t)
	setup := newClient(t, ts)
	for _, tc := range cases {
		for _, lostAfter := range []bool{true, false} {
			name := tc.name + map[bool]string{true: " answer lost after the create", false: " request lost before the create"}[lostAfter]
			t.Run(name, func(t *testing.T) {
				ctx := context.Background()
				org, err := setup.CreateOrganization(ctx, OrganizationInput{Name: strings.ReplaceAll(name, " ", "-")})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := setup.WaitOrganizationProvisioned(ctx, org.Domain, pollInterval); err != nil {
					t.Fatal(err)
				}
				lossy := &clienttest.LosingTransport{Suffix: tc.suffix, AfterCommit: lostAfter}
				c := New(configFor(ts), httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2, Transport: lossy})
				got, err := tc.create(ctx, c, org.Domain)
				if err != nil || got == "" {
					t.Fatalf("create = %q, %v; want the object", got, err)
				}
				if !lossy.Lost() {
					t.Fatal("the test transport lost nothing: the case tests nothing")
				}
				n, err := tc.count(ctx, setup, org.Domain)
				if err != nil || n != 1 {
					t.Fatalf("%d objects with the natural key (err %v), want exactly 1", n, err)
				}
			})
		}
	}
}

func value[T any](obj *T, err error, field func(*T) string) (string, error) {
	if err != nil {
		return "", err
	}
	return field(obj), nil
}

func matching[T any](list []T, match func(T) bool) int {
	n := 0
	for _, item := range list {
		if match(item) {
			n++
		}
	}
	return n
}

// boolCount counts an organization's single object from the error of its read.
func boolCount(err error) (int, error) {
	switch {
	case err == nil:
		return 1, nil
	case httpclient.IsNotFound(err):
		return 0, nil
	}
	return 0, err
}
