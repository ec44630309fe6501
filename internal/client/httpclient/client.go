package httpclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/go-resty/resty/v2"
	"golang.org/x/time/rate"
)

// Config holds what every service client needs from the provider.
type Config struct {
	// Service names the API in errors and logs ("Cryptr", "Cyrisma", "Synerise").
	Service string
	// BaseURL is the API root, already checked with ValidateBaseURL.
	BaseURL string
	// Timeout bounds each HTTP attempt; zero means 30 seconds.
	Timeout time.Duration
	// MaxRetries is how many times a failed request may be sent again.
	// Answers 429 have a budget of their own (maxRateLimitedRetries) unless
	// MaxRetries is zero, which turns every retry off.
	MaxRetries int
	// MaxRequestsPerSecond caps the requests this client sends per second,
	// across every goroutine using it; zero means no client-side limit.
	MaxRequestsPerSecond float64
	// UserAgent is sent with every request.
	UserAgent string
	// Secrets are credential values to mask wherever they would be logged.
	Secrets []string
	// TokenRenewalMargin, when set, is how long before its expiry a token
	// is renewed, instead of the default min(10 s, a fiftieth of its
	// lifetime) (tests of the renewal paths).
	TokenRenewalMargin time.Duration
	// Transport replaces the default HTTP transport (tests).
	Transport http.RoundTripper
}

// ErrorDecoder turns a non-2xx answer into an APIError using the service's
// error body shape. It fills Code, Message and FieldErrors; the caller fills
// the rest.
type ErrorDecoder func(status int, body []byte) *APIError

// Authorizer authenticates requests for one service.
type Authorizer struct {
	// Tokens supplies and renews the access token.
	Tokens *TokenSource
	// Header formats the Authorization header value for a token.
	Header func(token string) string
}

// Client sends requests to one API with retries, authentication and logging.
type Client struct {
	cfg         Config
	http        *resty.Client
	decodeError ErrorDecoder
	auth        *Authorizer
	limiter     *rate.Limiter // nil: no client-side limit
}

// New returns a Client for cfg. decodeError reads the service's error bodies.
// Call SetAuthorizer before sending authenticated requests.
func New(cfg Config, decodeError ErrorDecoder) *Client {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	rc := resty.New().
		SetBaseURL(cfg.BaseURL).
		SetTimeout(cfg.Timeout).
		SetHeader("User-Agent", cfg.UserAgent).
		SetHeader("Accept", "application/json").
		SetRetryCount(0) // retries are decided by Do, per method and status
	if cfg.Transport != nil {
		rc.SetTransport(cfg.Transport)
	}
	return &Client{cfg: cfg, http: rc, decodeError: decodeError, limiter: newLimiter(cfg.MaxRequestsPerSecond)}
}

// MaxAttempts is how many times a request may be sent in all: the first
// time plus MaxRetries.
func (c *Client) MaxAttempts() int { return c.cfg.MaxRetries + 1 }

// SetAuthorizer sets how authenticated requests get their token.
func (c *Client) SetAuthorizer(auth *Authorizer) {
	if auth != nil && auth.Tokens != nil && c.cfg.TokenRenewalMargin > 0 {
		auth.Tokens.setFixedMargin(c.cfg.TokenRenewalMargin)
	}
	c.auth = auth
}

// Authorizer returns the authorizer set with SetAuthorizer, or nil.
func (c *Client) Authorizer() *Authorizer { return c.auth }

// Request describes one API call.
type Request struct {
	Method string
	// Path is appended to the base URL; it must be already escaped.
	Path  string
	Query url.Values
	// Form, when set, is sent as application/x-www-form-urlencoded.
	Form url.Values
	// JSON, when set, is sent as application/json.
	JSON any
	// Result, when set, receives the decoded JSON of a 2xx answer.
	Result any
	// Header holds extra request headers.
	Header map[string]string
	// SafeToRetry marks a POST or PATCH that cannot create a duplicate if
	// repeated (logins, state toggles). GET, PUT and DELETE are always safe.
	SafeToRetry bool
	// Anonymous requests carry no Authorization header (logins).
	Anonymous bool
	// BearerToken, when set, is used instead of the authorizer's token
	// (login steps that carry an intermediate token).
	BearerToken string
}

// Response is a 2xx answer.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// Do sends req, retrying as the method and the answer allow, renewing the
// token on a 401 (unless the token it just renewed is refused too), and
// decodes the answer.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	safe := req.SafeToRetry || idempotentMethod(req.Method)
	// A 401 renews the token once and retries. Only a token obtained by
	// this call's own renewal being refused too ends the call: a token that
	// merely expired while a long retry sequence waited is renewed again.
	relogins, renewedToken := 0, ""
	retries, rateLimited := 0, 0
	for {
		// Wait for the limiter before taking the token, so that the token
		// is as fresh as possible when the request leaves.
		if err := c.waitTurn(ctx); err != nil {
			return nil, c.canceled(req, safe, err, false)
		}
		token, err := c.token(ctx, req)
		if err != nil {
			return nil, err
		}
		attempt := retries + rateLimited
		logCtx := withMasks(ctx, c.cfg.Secrets, token, req.BearerToken)
		status, header, body, sendErr := c.send(ctx, logCtx, req, token, attempt)
		if sendErr == nil && status >= 200 && status < 300 {
			// Even if ctx has just ended: the request was applied.
			return c.decode(req, status, header, body)
		}
		if ctx.Err() != nil {
			return nil, c.canceled(req, safe, ctx.Err(), true)
		}
		if relogins > 0 && renewedToken == "" {
			renewedToken = token
		}
		if sendErr == nil && status == http.StatusUnauthorized && token != "" && req.BearerToken == "" &&
			token != renewedToken && relogins < maxRelogins {
			// The token expired or was revoked: a new login and a retry.
			c.auth.Tokens.Invalidate(token)
			relogins, renewedToken = relogins+1, ""
			continue
		}
		var budgetLeft bool
		var step int // how many retries of this kind were made before
		if sendErr == nil && status == http.StatusTooManyRequests {
			// The server did not process the request: always safe to send
			// again, on a budget of its own so that throttling does not eat
			// the retries kept for failures.
			budgetLeft, step = c.cfg.MaxRetries > 0 && rateLimited < maxRateLimitedRetries, rateLimited
			rateLimited++
		} else {
			budgetLeft, step = retries < c.cfg.MaxRetries && shouldRetry(safe, status, sendErr), retries
			retries++
		}
		if budgetLeft {
			delay := retryDelay(header, step, time.Now())
			logRetry(logCtx, c.cfg.Service, req, attempt+1, status, sendErr, delay)
			if err := sleep(ctx, delay); err != nil {
				return nil, err
			}
			continue
		}
		return nil, c.failure(req, status, body, sendErr, safe)
	}
}

// canceled is the error for a request interrupted by its context; sent says
// whether the request may have left (then a non-idempotent one is uncertain).
func (c *Client) canceled(req Request, safe bool, cause error, sent bool) error {
	err := fmt.Errorf("%s %s %s: %w", c.cfg.Service, req.Method, req.Path, cause)
	if sent && !safe {
		// The request may have reached the server before ctx ended.
		return &UncertainError{Method: req.Method, Path: req.Path, Err: err}
	}
	return err
}

func (c *Client) token(ctx context.Context, req Request) (string, error) {
	if req.BearerToken != "" || req.Anonymous || c.auth == nil {
		return "", nil
	}
	return c.auth.Tokens.Token(ctx)
}

// send makes one attempt; logCtx carries the log masks for this attempt.
func (c *Client) send(ctx, logCtx context.Context, req Request, token string, attempt int) (int, http.Header, []byte, error) {
	r := c.http.R().SetContext(ctx).SetHeaders(req.Header)
	if req.Query != nil {
		r.SetQueryParamsFromValues(req.Query)
	}
	switch {
	case req.Form != nil:
		r.SetHeader("Content-Type", "application/x-www-form-urlencoded").SetBody(req.Form.Encode())
	case req.JSON != nil:
		encoded, err := json.Marshal(req.JSON)
		if err != nil {
			return 0, nil, nil, fmt.Errorf("encoding %s %s: %w", req.Method, req.Path, err)
		}
		r.SetHeader("Content-Type", "application/json").SetBody(encoded)
	}
	switch {
	case req.BearerToken != "":
		r.SetHeader("Authorization", "Bearer "+req.BearerToken)
	case token != "":
		r.SetHeader("Authorization", c.auth.Header(token))
	}
	logRequest(logCtx, c.cfg.Service, req, r.Header, attempt)
	started := time.Now()
	resp, err := r.Execute(req.Method, req.Path)
	if err != nil {
		err = redactURLError(err)
		logTransportError(logCtx, c.cfg.Service, req, err, time.Since(started))
		return 0, nil, nil, err
	}
	body := resp.Body()
	logResponse(logCtx, c.cfg.Service, req, resp.StatusCode(), resp.Header(), body, time.Since(started))
	return resp.StatusCode(), resp.Header(), body, nil
}

func (c *Client) decode(req Request, status int, header http.Header, body []byte) (*Response, error) {
	if req.Result != nil && len(body) > 0 {
		if err := json.Unmarshal(body, req.Result); err != nil {
			err = &DecodeError{Service: c.cfg.Service, Method: req.Method, Path: req.Path, StatusCode: status, Err: err}
			if !req.SafeToRetry && !idempotentMethod(req.Method) {
				// The request was applied, but what it made is unknown.
				return nil, &UncertainError{Method: req.Method, Path: req.Path, Err: err}
			}
			return nil, err
		}
	}
	return &Response{StatusCode: status, Header: header, Body: body}, nil
}

func (c *Client) failure(req Request, status int, body []byte, sendErr error, safe bool) error {
	if sendErr != nil {
		err := fmt.Errorf("%s API: %s %s: %w", c.cfg.Service, req.Method, req.Path, sendErr)
		if !safe {
			return &UncertainError{Method: req.Method, Path: req.Path, Err: err}
		}
		return err
	}
	apiErr := c.decodeError(status, body)
	if apiErr == nil {
		apiErr = &APIError{}
	}
	apiErr.Service, apiErr.Method, apiErr.Path, apiErr.StatusCode = c.cfg.Service, req.Method, req.Path, status
	if !safe && status >= 500 {
		return &UncertainError{Method: req.Method, Path: req.Path, Err: apiErr}
	}
	return apiErr
}
