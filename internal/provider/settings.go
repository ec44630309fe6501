package provider

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// Environment variables: these names are part of the provider's contract.
const (
	envRequestTimeout        = "TENANT_REQUEST_TIMEOUT"
	envMaxRetries            = "TENANT_MAX_RETRIES"
	envMaxRetryDuration      = "TENANT_MAX_RETRY_DURATION"
	envAdoptExisting         = fwkit.AdoptExistingEnv
	envCryptrServiceURL      = "CRYPTR_SERVICE_URL"
	envCryptrAccountDomain   = "CRYPTR_ACCOUNT_DOMAIN"
	envCryptrClientID        = "CRYPTR_CLIENT_ID"
	envCryptrClientSecret    = "CRYPTR_CLIENT_SECRET"
	envCyrismaAPIURL         = "CYRISMA_API_URL"
	envCyrismaAPIKey         = "CYRISMA_API_KEY"
	envCyrismaAPISecret      = "CYRISMA_API_SECRET"
	envSyneriseRegion        = "SYNERISE_REGION"
	envSyneriseAPIURL        = "SYNERISE_API_URL"
	envSyneriseAPIKey        = "SYNERISE_API_KEY"
	envSyneriseUsername      = "SYNERISE_USERNAME"
	envSynerisePassword      = "SYNERISE_PASSWORD"
	envSyneriseWorkspaceUUID = "SYNERISE_WORKSPACE_UUID"
	envSyneriseMFATOTPSecret = "SYNERISE_MFA_TOTP_SECRET"
	envCryptrRateLimit       = "CRYPTR_MAX_REQUESTS_PER_SECOND"
	envCyrismaRateLimit      = "CYRISMA_MAX_REQUESTS_PER_SECOND"
	envSyneriseRateLimit     = "SYNERISE_MAX_REQUESTS_PER_SECOND"
)

// Defaults.
const (
	defaultCyrismaAPIURL  = "https://api.cyrisma.com/app"
	defaultRequestTimeout = 30 * time.Second
	defaultMaxRetries     = 10
	// defaultMaxRetryDuration is the retry budget of one API call.
	defaultMaxRetryDuration = httpclient.DefaultMaxRetryDuration
	// Client-side rate limits, in requests per second. None of the vendors
	// documents a limit: these stay well under what a SaaS API commonly
	// allows one client (Cyrisma's legacy API, a smaller service, lower).
	defaultCryptrRateLimit   = 25
	defaultCyrismaRateLimit  = 10
	defaultSyneriseRateLimit = 25
	// maxRateLimit bounds max_requests_per_second.
	maxRateLimit = 10000
)

func regexpMust(pattern string) *regexp.Regexp { return regexp.MustCompile(pattern) }

// setting is one provider setting as resolved from the configuration, then
// the environment, then a default.
type setting struct {
	// attr is the attribute's address in the provider block, such as "cryptr.client_id".
	attr string
	env  string
	// value is the resolved value; fromConfig says whether the block set it.
	value      string
	fromConfig bool
	// unknown is set when the block's value is not known yet (it comes
	// from another resource's attribute).
	unknown bool
}

// resolve reads a setting from the block (when known and non-empty), then
// from the environment, then from def.
func resolve(attr, env string, configured types.String, def string) setting {
	if configured.IsUnknown() {
		return setting{attr: attr, env: env, unknown: true}
	}
	if !configured.IsNull() && !configured.IsUnknown() && configured.ValueString() != "" {
		return setting{attr: attr, env: env, value: configured.ValueString(), fromConfig: true}
	}
	if v := strings.TrimSpace(os.Getenv(env)); v != "" {
		return setting{attr: attr, env: env, value: v}
	}
	return setting{attr: attr, env: env, value: def}
}

// missingError names the attribute and its environment variable.
func (s setting) missingError() error {
	if s.unknown {
		return &fwkit.NotKnownError{Message: fmt.Sprintf("%s depends on a value that is not known until apply, so the provider cannot use it yet: apply the object it comes from first (for example with -target), or set it from a variable", s.attr)}
	}
	block, name, _ := strings.Cut(s.attr, ".")
	return fmt.Errorf("%s is not set: set %s in the provider's %s block or the %s environment variable", s.attr, name, block, s.env)
}

// required returns nil when every setting has a value, or an error naming
// each one that has none (one line per setting, with its attribute and
// environment variable).
func required(settings ...setting) error {
	var missing []error
	for _, s := range settings {
		if s.value == "" || s.unknown {
			missing = append(missing, s.missingError())
		}
	}
	return errors.Join(missing...)
}

// baseURL validates a URL setting (HTTPS except on loopback).
func (s setting) baseURL() (string, error) {
	if s.value == "" || s.unknown {
		return "", s.missingError()
	}
	source := s.attr
	if !s.fromConfig {
		source = s.env
	}
	return httpclient.ValidateBaseURL(source, s.value)
}

// transportSettings are the top-level settings shared by every service.
type transportSettings struct {
	timeout          time.Duration
	maxRetries       int
	maxRetryDuration time.Duration
	adoptExisting    bool
}

func resolveTransport(m providerModel) (transportSettings, error) {
	out := transportSettings{timeout: defaultRequestTimeout, maxRetries: defaultMaxRetries, maxRetryDuration: defaultMaxRetryDuration}
	timeout := resolve("request_timeout", envRequestTimeout, m.RequestTimeout, "")
	if timeout.value != "" {
		d, err := time.ParseDuration(timeout.value)
		if err != nil || d < time.Second {
			return out, fmt.Errorf("request_timeout (or %s) must be a duration of at least 1s such as \"30s\", got %q", envRequestTimeout, timeout.value)
		}
		out.timeout = d
	}
	budget := resolve("max_retry_duration", envMaxRetryDuration, m.MaxRetryDuration, "")
	if budget.value != "" {
		d, err := time.ParseDuration(budget.value)
		if err != nil || d < time.Second {
			return out, fmt.Errorf("max_retry_duration (or %s) must be a duration of at least 1s such as \"2m\", got %q", envMaxRetryDuration, budget.value)
		}
		out.maxRetryDuration = d
	}
	adopt, err := resolveBool("adopt_existing", envAdoptExisting, m.AdoptExisting)
	if err != nil {
		return out, err
	}
	out.adoptExisting = adopt
	switch {
	case !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown():
		out.maxRetries = int(m.MaxRetries.ValueInt64())
	case os.Getenv(envMaxRetries) != "":
		n, err := strconv.Atoi(os.Getenv(envMaxRetries))
		if err != nil || n < 0 || n > 20 {
			return out, fmt.Errorf("%s must be an integer between 0 and 20, got %q", envMaxRetries, os.Getenv(envMaxRetries))
		}
		out.maxRetries = n
	}
	return out, nil
}

// resolveRateLimit reads a service's max_requests_per_second from its block,
// then its environment variable, then def. 0 means no client-side limit.
func resolveRateLimit(attr, env string, configured types.Float64, def float64) (float64, error) {
	switch {
	case configured.IsUnknown():
		return 0, &fwkit.NotKnownError{Message: fmt.Sprintf("%s depends on a value that is not known until apply; set it from a variable or a literal", attr)}
	case !configured.IsNull():
		return configured.ValueFloat64(), nil
	}
	raw := strings.TrimSpace(os.Getenv(env))
	if raw == "" {
		return def, nil
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v < 0 || v > maxRateLimit {
		return 0, fmt.Errorf("%s must be a number of requests per second between 0 (no limit) and %d, got %q", env, maxRateLimit, raw)
	}
	return v, nil
}

// float returns the Float64 attribute of a block that may be absent.
func float[B any](block *B, get func(*B) types.Float64) types.Float64 {
	if block == nil {
		return types.Float64Null()
	}
	return get(block)
}

// resolveBool reads a boolean setting from the block, then from the
// environment (true/false, 1/0), then false.
func resolveBool(attr, env string, configured types.Bool) (bool, error) {
	switch {
	case configured.IsUnknown():
		return false, fmt.Errorf("%s depends on a value that is not known until apply; set it from a variable or a literal", attr)
	case !configured.IsNull():
		return configured.ValueBool(), nil
	}
	raw := strings.TrimSpace(os.Getenv(env))
	if raw == "" {
		return false, nil
	}
	v, err := strconv.ParseBool(raw)
	if err != nil {
		return false, fmt.Errorf("%s must be true or false, got %q", env, raw)
	}
	return v, nil
}
