package cyrisma

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// Config holds the Cyrisma API credentials.
type Config struct {
	// APIURL is the API root, such as https://api.cyrisma.com/app.
	APIURL string
	// APIKey and APISecret are the partner API credentials.
	APIKey    string
	APISecret string
	// LookupWait bounds how long the look-up after an instance create with
	// an unknown outcome waits for the instance to become visible
	// (provisioning is asynchronous); zero means 30 seconds.
	LookupWait time.Duration
}

// defaultLookupWait is LookupWait's default.
const defaultLookupWait = 30 * time.Second

// Client calls the Cyrisma Partner API. One Client serves a provider
// process: it shares one full listing between its reads for ListingTTL and
// remembers which reactivation path works.
type Client struct {
	api        *httpclient.Client
	now        func() time.Time
	lookupWait time.Duration
	listing    *listingCache
	// reactivatePath is the reactivation path that last worked (nil until
	// one did): see ReactivateInstance.
	reactivatePath atomic.Pointer[string]
}

// New returns a client for cfg; http carries the shared settings. It does
// not log in until the first request.
func New(cfg Config, http httpclient.Config) *Client {
	http.Service = "Cyrisma"
	http.BaseURL = cfg.APIURL
	http.Secrets = append(http.Secrets, cfg.APIKey, cfg.APISecret)
	api := httpclient.New(http, decodeError)
	c := &Client{api: api, now: time.Now, lookupWait: cfg.LookupWait}
	c.listing = newListingCache(ListingTTL, c.fetchListing)
	if c.lookupWait <= 0 {
		c.lookupWait = defaultLookupWait
	}
	api.SetAuthorizer(&httpclient.Authorizer{
		Tokens: httpclient.NewTokenSource(func(ctx context.Context, previous *httpclient.Token) (*httpclient.Token, error) {
			return c.login(ctx, cfg, previous)
		}, 9*time.Minute),
		Header: func(token string) string { return "access_token " + token },
	})
	return c
}

// Logins returns how many access tokens this client has obtained (password
// logins and refreshes).
func (c *Client) Logins() int { return c.api.Authorizer().Tokens.Logins() }

type loginResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
}

// login renews the access token with the refresh token when there is one,
// and falls back to the password grant.
func (c *Client) login(ctx context.Context, cfg Config, previous *httpclient.Token) (*httpclient.Token, error) {
	if refresh := httpclient.UsableRefreshToken(previous, c.now()); refresh != "" {
		tok, err := c.tokenRequest(ctx, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}})
		if err == nil {
			return tok, nil
		}
		if _, isAPIError := httpclient.AsAPIError(err); !isAPIError {
			return nil, err
		}
		// The refresh token was refused: log in again with the credentials.
	}
	return c.tokenRequest(ctx, url.Values{"grant_type": {"password"}, "username": {cfg.APIKey}, "password": {cfg.APISecret}})
}

func (c *Client) tokenRequest(ctx context.Context, form url.Values) (*httpclient.Token, error) {
	var out loginResponse
	_, err := c.api.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: "/partner/login", Form: form, Result: &out,
		Anonymous: true, SafeToRetry: true,
	})
	if err != nil {
		return nil, err
	}
	if out.AccessToken == "" {
		return nil, httpclient.MissingTokenError("Cyrisma", "/partner/login")
	}
	tok := &httpclient.Token{AccessToken: out.AccessToken, RefreshToken: out.RefreshToken}
	if out.ExpiresIn > 0 {
		tok.Expiry = c.now().Add(time.Duration(out.ExpiresIn) * time.Second)
	}
	return tok, nil
}

type errorBody struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
	Message          string `json:"message"`
}

// decodeError reads the documented ErrorJson {"error","error_description"},
// or {"error","message"} as rate limiters and gateways answer.
func decodeError(_ int, body []byte) *httpclient.APIError {
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil || (eb.Error == "" && eb.ErrorDescription == "" && eb.Message == "") {
		return &httpclient.APIError{Message: strings.TrimSpace(string(body))}
	}
	if eb.ErrorDescription == "" {
		return &httpclient.APIError{Code: eb.Error, Message: eb.Message}
	}
	apiErr := &httpclient.APIError{Code: eb.Error, Message: eb.ErrorDescription}
	// Validation messages name the field first: "short_name: is required".
	if field, msg, ok := strings.Cut(eb.ErrorDescription, ": "); ok && !strings.ContainsAny(field, " ") {
		apiErr.FieldErrors = map[string][]string{field: {msg}}
	}
	return apiErr
}
