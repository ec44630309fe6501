package cryptr

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// TestReadsTreatDeletedAnswersAsNotFound: every read turns the API's
// 200 answers for a deleted object into "not found", so that Read removes the
// object from state instead of recording an empty one.
func TestReadsTreatDeletedAnswersAsNotFound(t *testing.T) {
	for _, body := range []string{`{"deleted": true, "resource": {"id": "x", "email": "a@b.c"}}`, `{"__type__": "NoResult"}`} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/v2/oauth/token" {
				_, _ = w.Write([]byte(`{"access_token": "t"}`))
				return
			}
			_, _ = w.Write([]byte(body))
		}))
		c := New(Config{ServiceURL: srv.URL, AccountDomain: "a", ClientID: "i", ClientSecret: "s"}, httpclient.Config{Timeout: 5 * time.Second, UserAgent: "test"})
		ctx := context.Background()
		reads := map[string]func() error{
			"organization": func() error { _, err := c.GetOrganization(ctx, "acme"); return err },
			"user":         func() error { _, err := c.GetUser(ctx, "acme", "u1"); return err },
			"admin":        func() error { _, err := c.GetAdmin(ctx, "acme", "a@b.c"); return err },
			"webhook":      func() error { _, err := c.GetWebhook(ctx, "w1"); return err },
			"redirect URI": func() error { _, err := c.GetRedirectURI(ctx, "r1"); return err },
			"SSO":          func() error { _, err := c.GetSSOConnection(ctx, "acme"); return err },
			"directory":    func() error { _, err := c.GetDirectorySync(ctx, "acme"); return err },
			"password":     func() error { _, err := c.GetPasswordConnection(ctx, "acme"); return err },
			"magic link":   func() error { _, err := c.GetMagicLinkConnection(ctx, "acme"); return err },
			"TOTP":         func() error { _, err := c.GetTOTPConnection(ctx, "acme"); return err },
		}
		for what, read := range reads {
			if err := read(); !httpclient.IsNotFound(err) {
				t.Errorf("%s with %s: want not found, got %v", what, body, err)
			}
		}
		srv.Close()
	}
}
