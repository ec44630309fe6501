package synerise

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
const fuzzURL = "https://api.synerise.fuzz.invalid"

// FuzzSyneriseAnswers: whatever the login endpoints or the API answer, in
// either authentication mode, the client neither panics nor returns an
// untyped error.
func FuzzSyneriseAnswers(f *testing.F) {
	f.Add(false, false, 200, []byte(`{"enabled":true,"enableSupportSubnets":false,"ipPolicy":["10.0.0.0/8"]}`))
	f.Add(false, true, 200, []byte(`[{"uuid":"6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c","name":"W"}]`))
	f.Add(false, false, 200, []byte(`{"permissions":{"API_X":true}}`))
	f.Add(false, false, 403, []byte(`{"timestamp":1,"status":403,"error":"Forbidden","message":"no","errorCode":"X"}`))
	f.Add(true, false, 200, []byte(`{"token":""}`))
	f.Add(true, true, 200, []byte(`{"token":"a.b.c","mfaRequired":true}`))
	f.Add(true, true, 401, []byte(`{"status":401}`))
	f.Fuzz(func(t *testing.T, fuzzLogin, userMode bool, status int, body []byte) {
		if status < 200 || status > 599 {
			t.Skip()
		}
		// In memory: a server per input would spend a local port per input
		// (in TIME_WAIT) and run the machine out of them within a minute.
		transport := clienttest.HandlerTransport(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			login := strings.Contains(r.URL.Path, "/login") || strings.Contains(r.URL.Path, "/refresh")
			if login && !fuzzLogin {
				_, _ = w.Write([]byte(`{"token":"token"}`))
				return
			}
			w.WriteHeader(status)
			_, _ = w.Write(body)
		}))
		cfg := Config{APIURL: fuzzURL, APIKey: "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c"}
		if userMode {
			cfg = Config{APIURL: fuzzURL, Username: "u@example.com", Password: "p", WorkspaceUUID: "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c", MFATOTPSecret: "JBSWY3DPEHPK3PXP"}
		}
		c := New(cfg, httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 0, Transport: transport})
		ctx := context.Background()
		calls := map[string]func() error{
			"GetIPPolicy":         func() error { _, err := c.GetIPPolicy(ctx); return err },
			"SetIPPolicy":         func() error { _, err := c.SetIPPolicy(ctx, IPPolicy{}); return err },
			"ListWorkspaces":      func() error { _, err := c.ListWorkspaces(ctx); return err },
			"GetCurrentWorkspace": func() error { _, err := c.GetCurrentWorkspace(ctx); return err },
			"WorkspaceToken":      func() error { _, _, err := c.WorkspaceToken(ctx); return err },
			"CheckPermissions":    func() error { _, _, err := c.CheckPermissions(ctx, []string{"API_X"}); return err },
		}
		for name, call := range calls {
			if err := call(); !clienttest.IsTyped(err) {
				t.Fatalf("%s: untyped error %T: %v", name, err, err)
			}
		}
	})
}
