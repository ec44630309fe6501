package cyrisma

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
const fuzzURL = "https://api.cyrisma.fuzz.invalid/app"

// FuzzCyrismaAnswers: whatever the login endpoint or the API answers, the
// client's reads, lists and creates neither panic nor return an untyped
// error.
func FuzzCyrismaAnswers(f *testing.F) {
	f.Add(false, 200, []byte(`[{"instance_id":"i-1","name":"A","short_name":"a","parent_id":"root","enabled":0}]`))
	f.Add(false, 200, []byte(`[]`))
	f.Add(false, 200, []byte(`{"instance_id":"i-1","agent_key":"k"}`))
	f.Add(false, 200, []byte(`[{"id":"u-1","username":"a@b.c","enabled":"1","instance_id":"i-1"}]`))
	f.Add(false, 400, []byte(`{"error":"invalid_request","error_description":"short_name: is required"}`))
	f.Add(false, 500, []byte(`<html>`))
	f.Add(true, 200, []byte(`{"access_token":"","expires_in":600}`))
	f.Add(true, 200, []byte(`{"access_token":"t","expires_in":-5,"refresh_token":7}`))
	f.Add(true, 400, []byte(`{"error":"invalid_grant"}`))
	f.Fuzz(func(t *testing.T, fuzzLogin bool, status int, body []byte) {
		if status < 200 || status > 599 {
			t.Skip()
		}
		// In memory: a server per input would spend a local port per input
		// (in TIME_WAIT) and run the machine out of them within a minute.
		transport := clienttest.HandlerTransport(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if strings.HasSuffix(r.URL.Path, "/partner/login") && !fuzzLogin {
				_, _ = w.Write([]byte(`{"access_token":"token","expires_in":600,"refresh_token":"refresh"}`))
				return
			}
			w.WriteHeader(status)
			_, _ = w.Write(body)
		}))
		c := New(Config{APIURL: fuzzURL, APIKey: "key", APISecret: "secret", LookupWait: 10 * time.Millisecond},
			httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 0, Transport: transport})
		ctx := context.Background()
		calls := map[string]func() error{
			"ListInstances": func() error { _, err := c.ListInstances(ctx); return err },
			"GetInstance":   func() error { _, err := c.GetInstance(ctx, "i-1"); return err },
			"ListUsers":     func() error { _, err := c.ListUsers(ctx); return err },
			"GetUser":       func() error { _, err := c.GetUser(ctx, "u-1"); return err },
			"CreateInstance": func() error {
				_, err := c.CreateInstance(ctx, CreateInstanceInput{InstanceType: "standard", ParentInstanceID: "root", Name: "n", ShortName: "s", Country: "US", Email: "a@b.c"})
				return err
			},
			"CreateUser": func() error {
				_, err := c.CreateUser(ctx, CreateUserInput{InstanceID: "i-1", Username: "a@b.c", FirstName: "A", LastName: "B"})
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
