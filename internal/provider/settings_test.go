package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// clearEnv unsets every provider variable for the test.
func clearEnv(t *testing.T) {
	for _, name := range []string{envRequestTimeout, envMaxRetries, envCryptrServiceURL, envCryptrAccountDomain, envCryptrClientID, envCryptrClientSecret,
		envCyrismaAPIURL, envCyrismaAPIKey, envCyrismaAPISecret, envSyneriseRegion, envSyneriseAPIURL, envSyneriseAPIKey, envSyneriseUsername,
		envSynerisePassword, envSyneriseWorkspaceUUID, envSyneriseMFATOTPSecret, envCryptrRateLimit, envCyrismaRateLimit, envSyneriseRateLimit,
		envMaxRetryDuration, envAdoptExisting} {
		t.Setenv(name, "")
	}
}

func TestResolvePrefersConfigThenEnvThenDefault(t *testing.T) {
	clearEnv(t)
	t.Setenv(envCyrismaAPIKey, "from-env")
	if s := resolve("cyrisma.api_key", envCyrismaAPIKey, types.StringValue("from-config"), ""); s.value != "from-config" || !s.fromConfig {
		t.Errorf("config should win: %+v", s)
	}
	if s := resolve("cyrisma.api_key", envCyrismaAPIKey, types.StringNull(), ""); s.value != "from-env" || s.fromConfig {
		t.Errorf("env should be used: %+v", s)
	}
	if s := resolve("cyrisma.api_url", envCyrismaAPIURL, types.StringNull(), defaultCyrismaAPIURL); s.value != defaultCyrismaAPIURL {
		t.Errorf("default should be used: %+v", s)
	}
}

func TestUnknownSettingIsAnError(t *testing.T) {
	clearEnv(t)
	t.Setenv(envCyrismaAPIKey, "from-env")
	m := providerModel{Cyrisma: &cyrismaBlock{APIURL: types.StringNull(), APIKey: types.StringUnknown(), APISecret: types.StringValue("s")}}
	_, err := buildCyrisma(m, sharedForTest())
	if err == nil || !strings.Contains(err.Error(), "cyrisma.api_key depends on a value that is not known") {
		t.Fatalf("an unknown value must not fall back to the environment: %v", err)
	}
}

func TestMissingSettingNamesAttributeAndVariable(t *testing.T) {
	clearEnv(t)
	t.Setenv(envCryptrServiceURL, "https://auth.cryptr.eu")
	_, err := buildCryptr(providerModel{}, sharedForTest())
	if err == nil || !strings.Contains(err.Error(), "cryptr.account_domain") || !strings.Contains(err.Error(), envCryptrAccountDomain) {
		t.Fatalf("want an error naming cryptr.account_domain and %s, got %v", envCryptrAccountDomain, err)
	}
	_, err = buildCyrisma(providerModel{}, sharedForTest())
	if err == nil || !strings.Contains(err.Error(), envCyrismaAPIKey) {
		t.Fatalf("want an error naming %s, got %v", envCyrismaAPIKey, err)
	}
}

func TestBaseURLMustBeHTTPSExceptLoopback(t *testing.T) {
	clearEnv(t)
	for url, ok := range map[string]bool{
		"https://api.cyrisma.com/app": true,
		"http://127.0.0.1:8080/app":   true,
		"http://localhost:1/app":      true,
		"http://[::1]:1/app":          true,
		"http://api.cyrisma.com/app":  false,
		"ftp://api.cyrisma.com":       false,
	} {
		t.Setenv(envCyrismaAPIURL, url)
		t.Setenv(envCyrismaAPIKey, "k")
		t.Setenv(envCyrismaAPISecret, "s")
		_, err := buildCyrisma(providerModel{}, sharedForTest())
		if ok && err != nil {
			t.Errorf("%s: unexpected error %v", url, err)
		}
		if !ok && (err == nil || !strings.Contains(err.Error(), envCyrismaAPIURL)) {
			t.Errorf("%s: want an error naming %s, got %v", url, envCyrismaAPIURL, err)
		}
	}
}

func TestSyneriseModeSelection(t *testing.T) {
	const key = "3d9f6b2e-1c4a-4e8b-a5f7-0b2c4d6e8f10"
	tests := []struct {
		name      string
		env       map[string]string
		block     *syneriseBlock
		wantKey   bool
		wantError string
	}{
		{name: "env key only", env: map[string]string{envSyneriseAPIKey: key}, wantKey: true},
		{name: "env key wins over env user", env: map[string]string{envSyneriseAPIKey: key, envSyneriseUsername: "u", envSynerisePassword: "p"}, wantKey: true},
		{name: "block user wins over env key", env: map[string]string{envSyneriseAPIKey: key},
			block: &syneriseBlock{Username: types.StringValue("u"), Password: types.StringValue("p")}},
		{name: "block key wins over env user", env: map[string]string{envSyneriseUsername: "u", envSynerisePassword: "p"},
			block: &syneriseBlock{APIKey: types.StringValue(key)}, wantKey: true},
		{name: "both in block", block: &syneriseBlock{APIKey: types.StringValue(key), Username: types.StringValue("u")}, wantError: "not both"},
		{name: "user without password", env: map[string]string{envSyneriseUsername: "u"}, wantError: envSynerisePassword},
		{name: "nothing", wantError: envSyneriseAPIKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			if tt.block != nil {
				for _, f := range []*types.String{&tt.block.APIURL, &tt.block.APIKey, &tt.block.Username, &tt.block.Password, &tt.block.WorkspaceUUID, &tt.block.MFATOTPSecret} {
					if f.IsNull() || f.ValueString() == "" {
						*f = types.StringNull()
					}
				}
			}
			cfg, err := resolveSynerise(tt.block)
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("want error containing %q, got %v", tt.wantError, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.UsesAPIKey() != tt.wantKey {
				t.Fatalf("UsesAPIKey = %v, want %v (%+v)", cfg.UsesAPIKey(), tt.wantKey, cfg)
			}
			if cfg.APIURL != defaultSyneriseAPIURL {
				t.Fatalf("APIURL = %q", cfg.APIURL)
			}
		})
	}
}

func TestResolveTransport(t *testing.T) {
	clearEnv(t)
	got, err := resolveTransport(providerModel{RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null()})
	if err != nil || got.timeout != defaultRequestTimeout || got.maxRetries != defaultMaxRetries {
		t.Fatalf("defaults: %+v %v", got, err)
	}
	t.Setenv(envRequestTimeout, "2m")
	t.Setenv(envMaxRetries, "7")
	got, err = resolveTransport(providerModel{RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null()})
	if err != nil || got.timeout.String() != "2m0s" || got.maxRetries != 7 {
		t.Fatalf("env: %+v %v", got, err)
	}
	t.Setenv(envMaxRetries, "lots")
	if _, err := resolveTransport(providerModel{RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null()}); err == nil || !strings.Contains(err.Error(), envMaxRetries) {
		t.Fatalf("want an error naming %s, got %v", envMaxRetries, err)
	}
}

func TestResolveRetryBudgetAndAdoption(t *testing.T) {
	clearEnv(t)
	unset := providerModel{RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null(), MaxRetryDuration: types.StringNull(), AdoptExisting: types.BoolNull()}
	got, err := resolveTransport(unset)
	if err != nil || got.maxRetryDuration != defaultMaxRetryDuration || got.adoptExisting {
		t.Fatalf("defaults: %+v %v", got, err)
	}
	t.Setenv(envMaxRetryDuration, "45s")
	t.Setenv(envAdoptExisting, "true")
	got, err = resolveTransport(unset)
	if err != nil || got.maxRetryDuration.String() != "45s" || !got.adoptExisting {
		t.Fatalf("env: %+v %v", got, err)
	}
	configured := unset
	configured.MaxRetryDuration, configured.AdoptExisting = types.StringValue("5m"), types.BoolValue(false)
	got, err = resolveTransport(configured)
	if err != nil || got.maxRetryDuration.String() != "5m0s" || got.adoptExisting {
		t.Fatalf("the block must win over the environment: %+v %v", got, err)
	}
	for env, value := range map[string]string{envMaxRetryDuration: "soon", envAdoptExisting: "maybe"} {
		t.Setenv(env, value)
		if _, err := resolveTransport(unset); err == nil || !strings.Contains(err.Error(), env) {
			t.Errorf("%s=%s: want an error naming it, got %v", env, value, err)
		}
		t.Setenv(env, "")
	}
}

func TestUserAgentNamesProviderAndVersions(t *testing.T) {
	got := userAgent("1.2.3", "1.11.4")
	if !strings.HasPrefix(got, "terraform-provider-tenant/1.2.3 ") || !strings.HasSuffix(got, "Terraform/1.11.4") {
		t.Fatalf("userAgent = %q", got)
	}
}

func TestResolveRateLimit(t *testing.T) {
	clearEnv(t)
	const env = "TENANT_TEST_RATE"
	t.Setenv(env, "")
	cases := []struct {
		name       string
		configured types.Float64
		env        string
		want       float64
		wantErr    bool
	}{
		{name: "default", configured: types.Float64Null(), want: 25},
		{name: "environment", configured: types.Float64Null(), env: "12.5", want: 12.5},
		{name: "zero turns it off", configured: types.Float64Null(), env: "0", want: 0},
		{name: "block wins", configured: types.Float64Value(3), env: "12.5", want: 3},
		{name: "bad environment", configured: types.Float64Null(), env: "fast", wantErr: true},
		{name: "negative environment", configured: types.Float64Null(), env: "-1", wantErr: true},
		{name: "unknown", configured: types.Float64Unknown(), wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(env, tc.env)
			got, err := resolveRateLimit("cryptr.max_requests_per_second", env, tc.configured, 25)
			if tc.wantErr {
				if err == nil || !(strings.Contains(err.Error(), env) || strings.Contains(err.Error(), "cryptr.max_requests_per_second")) {
					t.Fatalf("err = %v, want one naming the setting", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}
