package synerise

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// tokenFallbackLifetime is assumed when a token's exp claim cannot be read,
// a little under the documented one-hour default.
const tokenFallbackLifetime = 3550 * time.Second

// Config holds the Synerise credentials of one of the two modes.
type Config struct {
	// APIURL is the API root, such as https://api.synerise.com.
	APIURL string
	// APIKey selects the workspace API-key mode when set.
	APIKey string
	// Username and Password select the user mode.
	Username string
	Password string
	// WorkspaceUUID is the workspace a user selects after logging in.
	WorkspaceUUID string
	// MFATOTPSecret is the base32 TOTP secret of a user with MFA.
	MFATOTPSecret string
}

// UsesAPIKey reports whether cfg selects the workspace API-key mode.
func (cfg Config) UsesAPIKey() bool { return cfg.APIKey != "" }

// Client calls the Synerise API.
type Client struct {
	api *httpclient.Client
	cfg Config
	now func() time.Time

	currentMu   sync.Mutex
	currentUUID string // the token's workspace, once known: it cannot change
}

// New returns a client for cfg; http carries the shared settings. It does not
// log in until the first request.
func New(cfg Config, http httpclient.Config) *Client {
	http.Service = "Synerise"
	http.BaseURL = cfg.APIURL
	http.Secrets = append(http.Secrets, cfg.APIKey, cfg.Password, cfg.MFATOTPSecret)
	api := httpclient.New(http, decodeError)
	c := &Client{api: api, cfg: cfg, now: time.Now}
	api.SetAuthorizer(&httpclient.Authorizer{
		Tokens: httpclient.NewTokenSource(c.login, tokenFallbackLifetime),
		Header: func(token string) string { return "Bearer " + token },
	})
	return c
}

// UsesAPIKey reports whether the client authenticates with a workspace API key.
func (c *Client) UsesAPIKey() bool { return c.cfg.UsesAPIKey() }

// Logins returns how many tokens this client has obtained.
func (c *Client) Logins() int { return c.api.Authorizer().Tokens.Logins() }

func (c *Client) login(ctx context.Context, previous *httpclient.Token) (*httpclient.Token, error) {
	if c.cfg.UsesAPIKey() {
		return c.apiKeyLogin(ctx, previous)
	}
	return c.userLogin(ctx)
}

func (c *Client) newToken(value string) *httpclient.Token {
	return &httpclient.Token{AccessToken: value, Expiry: httpclient.JWTExpiry(value)}
}

type errorBody struct {
	Status  int    `json:"status"`
	Error   string `json:"error"`
	Message string `json:"message"`
	Errors  []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// decodeError reads {timestamp, status, error, message, path[, errors]}.
func decodeError(_ int, body []byte) *httpclient.APIError {
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil || (eb.Error == "" && eb.Message == "") {
		return &httpclient.APIError{Message: strings.TrimSpace(string(body))}
	}
	apiErr := &httpclient.APIError{Code: eb.Error, Message: eb.Message}
	for _, fe := range eb.Errors {
		if fe.Field == "" {
			continue
		}
		if apiErr.FieldErrors == nil {
			apiErr.FieldErrors = map[string][]string{}
		}
		apiErr.FieldErrors[fe.Field] = append(apiErr.FieldErrors[fe.Field], fe.Message)
	}
	return apiErr
}
