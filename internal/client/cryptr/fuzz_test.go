package cryptr

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/clienttest"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// fuzzURL is the fuzz targets' base URL: a host that cannot resolve, since
// the requests never leave the process.
const fuzzURL = "https://auth.cryptr.fuzz.invalid"

// FuzzCryptrAnswers: whatever the token endpoint (login) or the API answers,
// the client's reads, lists and creates neither panic nor return an untyped
// error.
func FuzzCryptrAnswers(f *testing.F) {
	f.Add(false, 200, []byte(`{"domain":"acme","name":"Acme","environments":[{"name":"sandbox","status":"up"}]}`))
	f.Add(false, 200, []byte(`{"data":[{"domain":"a"},{"domain":"a"}],"pagination":{"next_page":2,"current_page":1},"total":2}`))
	f.Add(false, 200, []byte(`{"deleted":true}`))
	f.Add(false, 200, []byte(`{"auth_secret_token":{"value":12}}`))
	f.Add(false, 422, []byte(`{"error":"unprocessable_entity","message":"validation failed","errors":{"name":["can't be blank"]}}`))
	f.Add(false, 500, []byte(`not json`))
	f.Add(true, 200, []byte(`{"access_token":""}`))
	f.Add(true, 200, []byte(`{"access_token":"a.eyJleHAiOiJ4In0.c"}`))
	f.Add(true, 400, []byte(`{"error":"invalid_client"}`))
	f.Fuzz(func(t *testing.T, fuzzLogin bool, status int, body []byte) {
		if status < 200 || status > 599 {
			t.Skip()
		}
		// In memory: a server per input would spend a local port per input
		// (in TIME_WAIT) and run the machine out of them within a minute.
		transport := clienttest.HandlerTransport(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if strings.HasSuffix(r.URL.Path, "/oauth/token") && !fuzzLogin {
				_, _ = w.Write([]byte(`{"access_token":"token"}`))
				return
			}
			w.WriteHeader(status)
			_, _ = w.Write(body)
		}))
		c := New(Config{ServiceURL: fuzzURL, AccountDomain: "acct", ClientID: "id", ClientSecret: "secret"},
			httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 0, Transport: transport})
		ctx := context.Background()
		calls := map[string]func() error{
			"GetOrganization":   func() error { _, err := c.GetOrganization(ctx, "acme"); return err },
			"ListOrganizations": func() error { _, err := c.ListOrganizations(ctx, ListOrganizationsOptions{}); return err },
			"GetDirectorySync":  func() error { _, err := c.GetDirectorySync(ctx, "acme"); return err },
			"ListWebhookEvents": func() error { _, err := c.ListWebhookEvents(ctx, ListWebhookEventsOptions{}); return err },
			"CreateWebhook": func() error {
				_, err := c.CreateWebhook(ctx, WebhookInput{Name: "h", TargetURL: "https://h.example", EventCodes: []string{"all"}})
				return err
			},
		}
		for name, call := range calls {
			if err := call(); !clienttest.IsTyped(err) {
				t.Fatalf("%s: untyped error %T: %v", name, err, err)
			}
		}
	})
}
