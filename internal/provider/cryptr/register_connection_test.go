package cryptr_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// connSeedOrg creates an organization out of band, as the console would,
// and returns its domain.
func connSeedOrg(t *testing.T, env *acctest.Env, name string) string {
	t.Helper()
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/organizations", url.Values{"name": {name}})
	acctest.MustStatus(t, "seed organization", status, body, http.StatusCreated)
	return acctest.JSON(t, body).(map[string]any)["domain"].(string)
}

// connCall sends a request to the emulated Cryptr API with the sandbox key
// (or the production key) and decodes the JSON object answer.
func connCall(t *testing.T, env *acctest.Env, production bool, method, path string, form url.Values) (int, map[string]any) {
	t.Helper()
	var status int
	var raw []byte
	if production {
		status, raw = connProductionCall(t, env, method, path, form)
	} else {
		status, raw = env.Cryptr(t, method, path, form)
	}
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	return status, body
}

// connProductionCall is env.Cryptr with the production API key.
func connProductionCall(t *testing.T, env *acctest.Env, method, path string, form url.Values) (int, []byte) {
	t.Helper()
	base := env.Vars["CRYPTR_SERVICE_URL"]
	login := url.Values{"grant_type": {"client_credentials"}, "client_id": {env.Fixtures.CryptrProductionClientID},
		"client_secret": {env.Fixtures.CryptrProductionClientSecret}, "tenant_domain": {env.Vars["CRYPTR_ACCOUNT_DOMAIN"]}}
	res, err := http.Post(base+"/api/v2/oauth/token", "application/x-www-form-urlencoded", strings.NewReader(login.Encode()))
	if err != nil {
		t.Fatalf("production login: %v", err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(res.Body).Decode(&tok)
	res.Body.Close()
	req, _ := http.NewRequest(method, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// connExpect returns a CheckDestroy (or Check) that reads path through the
// API and compares the given fields of the answer.
func connExpect(t *testing.T, env *acctest.Env, production bool, path string, want map[string]any) func(*terraform.State) error {
	return func(*terraform.State) error {
		status, body := connCall(t, env, production, http.MethodGet, path, nil)
		if status != http.StatusOK {
			return fmt.Errorf("GET %s: %d %v", path, status, body)
		}
		for k, v := range want {
			if fmt.Sprint(body[k]) != fmt.Sprint(v) {
				return fmt.Errorf("GET %s: %s = %v, want %v (answer %v)", path, k, body[k], v, body)
			}
		}
		return nil
	}
}

// connImportedNull checks that attribute is null in the imported state.
func connImportedNull(attribute string) func([]*terraform.InstanceState) error {
	return func(states []*terraform.InstanceState) error {
		if len(states) != 1 {
			return fmt.Errorf("imported %d instances, want 1", len(states))
		}
		if v, ok := states[0].Attributes[attribute]; ok && v != "" {
			return fmt.Errorf("%s = %q after import, want null", attribute, v)
		}
		return nil
	}
}
