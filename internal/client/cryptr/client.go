package cryptr

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// tokenFallbackLifetime is assumed when a token's exp claim cannot be read;
// the API documents no lifetime, and a 401 triggers a new login anyway.
const tokenFallbackLifetime = 10 * time.Minute

// Config holds the Cryptr credentials.
type Config struct {
	// ServiceURL is the Cryptr instance, such as https://auth.cryptr.eu.
	ServiceURL string
	// AccountDomain is the tenant (account) domain the API key belongs to.
	AccountDomain string
	// ClientID and ClientSecret are the API key.
	ClientID     string
	ClientSecret string
}

// Client calls the Cryptr Management API.
type Client struct {
	api *httpclient.Client
}

// New returns a client for cfg; http carries the shared settings (timeout,
// retries, user agent). It does not log in until the first request.
func New(cfg Config, http httpclient.Config) *Client {
	http.Service = "Cryptr"
	http.BaseURL = cfg.ServiceURL
	http.Secrets = append(http.Secrets, cfg.ClientSecret)
	api := httpclient.New(http, decodeError)
	c := &Client{api: api}
	api.SetAuthorizer(&httpclient.Authorizer{
		Tokens: httpclient.NewTokenSource(func(ctx context.Context, _ *httpclient.Token) (*httpclient.Token, error) {
			return c.login(ctx, cfg)
		}, tokenFallbackLifetime),
		Header: func(token string) string { return "Bearer " + token },
	})
	return c
}

// Logins returns how many API tokens this client has obtained.
func (c *Client) Logins() int { return c.api.Authorizer().Tokens.Logins() }

type tokenResponse struct {
	AccessToken string `json:"access_token"`
}

func (c *Client) login(ctx context.Context, cfg Config) (*httpclient.Token, error) {
	var out tokenResponse
	_, err := c.api.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: "/api/v2/oauth/token", Anonymous: true, SafeToRetry: true,
		Form: url.Values{
			"grant_type":    {"client_credentials"},
			"client_id":     {cfg.ClientID},
			"client_secret": {cfg.ClientSecret},
			"tenant_domain": {cfg.AccountDomain},
		},
		Result: &out,
	})
	if err != nil {
		return nil, err
	}
	if out.AccessToken == "" {
		return nil, httpclient.MissingTokenError("Cryptr", "/api/v2/oauth/token")
	}
	return &httpclient.Token{AccessToken: out.AccessToken, Expiry: httpclient.JWTExpiry(out.AccessToken)}, nil
}

// errorBody covers the error shapes Cryptr and its SDK use.
type errorBody struct {
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
	Message          string          `json:"message"`
}

type structuredError struct {
	Type    string              `json:"type"`
	Message string              `json:"message"`
	Details map[string][]string `json:"details"`
}

// decodeError reads {"error":{type,message,details}}, {"error":"code",
// "error_description":"..."} (or "message", as rate limiters and gateways
// answer) or a plain-text body.
func decodeError(_ int, body []byte) *httpclient.APIError {
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil || len(eb.Error) == 0 {
		return &httpclient.APIError{Message: strings.TrimSpace(string(body))}
	}
	var se structuredError
	if json.Unmarshal(eb.Error, &se) == nil && (se.Type != "" || se.Message != "") {
		return &httpclient.APIError{Code: se.Type, Message: se.Message, FieldErrors: se.Details}
	}
	var code string
	_ = json.Unmarshal(eb.Error, &code)
	message := eb.ErrorDescription
	if message == "" {
		message = eb.Message
	}
	return &httpclient.APIError{Code: code, Message: message}
}
