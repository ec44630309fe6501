package httpclient

import (
	"context"
	"encoding/json"
	"errors"
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
	// MaxRetries is how many times a failed request may be sent again,
	// within MaxRetryDuration. Answers 429 have a count of their own
	// (maxRateLimitedRetries) unless MaxRetries is zero, which turns every
	// retry off.
	MaxRetries int
	// MaxRetryDuration is the retry budget of one API call (or of one
	// operation, see WithBudget): retries start only within it and no retry
	// wait ends past it, so a call ends at the latest Timeout after it runs
	// out. Zero means DefaultMaxRetryDuration. MaxRetries and the 429 cap
	// still bound the number of retries within it.
	MaxRetryDuration time.Duration
	// MaxResponseBytes caps the body read from one answer; a larger answer
	// fails with a *ResponseTooLargeError. Zero means
	// DefaultMaxResponseBytes.
	MaxResponseBytes int64
	// MaxRequestsPerSecond caps the requests this client sends per second,
	// across every goroutine using it; zero means no client-side limit.
	MaxRequestsPerSecond float64
	// UserAgent is sent with every request.
	UserAgent string
	// Secrets are credential values to mask wherever they would be logged,
	// and in every error built from a server's answer.
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
	// bearers holds the bearer tokens of login steps sent so far, for
	// redaction.
	bearers credentialSet
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
	if cfg.MaxRetryDuration <= 0 {
		cfg.MaxRetryDuration = DefaultMaxRetryDuration
	}
	if cfg.MaxResponseBytes <= 0 {
		cfg.MaxResponseBytes = DefaultMaxResponseBytes
	}
	rc := resty.New().
		SetBaseURL(cfg.BaseURL).
		SetTimeout(cfg.Timeout).
		SetHeader("User-Agent", cfg.UserAgent).
		SetHeader("Accept", "application/json").
		SetRedirectPolicy(resty.RedirectPolicyFunc(checkRedirect)).
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
	if auth != nil && auth.Tokens != nil {
		if c.cfg.TokenRenewalMargin > 0 {
			auth.Tokens.setFixedMargin(c.cfg.TokenRenewalMargin)
		}
		auth.Tokens.setLoginBudget(c.cfg.MaxRetryDuration)
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

// Do sends req, retrying as the method, the answer and the retry budget
// allow, renewing the token on a 401 (unless the token it just renewed is
// refused too), and decodes the answer. The call runs on the budget ctx
// carries (see WithBudget), or on one of its own. Every credential this
// client knows is masked in the error it returns.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	ctx = c.WithBudget(ctx)
	resp, err := c.do(ctx, budgetFrom(ctx), req)
	var login *loginError
	switch {
	case err == nil:
		return resp, nil
	case errors.As(err, &login):
		// Redacted by the login's own calls, and maybe shared with other
		// callers (a remembered failure): returned as it is.
		return nil, login.err
	}
	return nil, newMasker(c.secrets("", req.BearerToken)).redact(err)
}

// loginError carries the failure to get a token through do, so that Do
// does not redact it again: it may be shared between goroutines.
type loginError struct{ err error }

func (e *loginError) Error() string { return e.err.Error() }

func (c *Client) do(ctx context.Context, b *budget, req Request) (*Response, error) {
	safe := req.SafeToRetry || idempotentMethod(req.Method)
	// A 401 renews the token once and retries. Only a token obtained by
	// this call's own renewal being refused too ends the call: a token that
	// merely expired while a long retry sequence waited is renewed again.
	relogins, renewedToken := 0, ""
	retries, rateLimited, sent := 0, 0, 0
	var last error // the failure of the previous attempt
	for {
		if b.spent(time.Now()) {
			return nil, c.budgetSpent(req, b, sent, last)
		}
		// Wait for the limiter before taking the token, so that the token
		// is as fresh as possible when the request leaves.
		if err := c.waitTurn(ctx, b); err != nil {
			if errors.Is(err, ErrRetryBudgetSpent) {
				return nil, c.budgetSpent(req, b, sent, last)
			}
			return nil, c.canceled(req, safe, err, false)
		}
		token, err := c.token(ctx, req)
		if err != nil {
			return nil, &loginError{err}
		}
		secrets := c.secrets(token, req.BearerToken)
		m, logCtx := newMasker(secrets), withMasks(ctx, secrets)
		out := c.send(ctx, logCtx, req, token, sent, m)
		sent++
		if out.err == nil && out.status >= 200 && out.status < 300 {
			// Even if ctx has just ended: the request was applied.
			return c.decode(req, out.status, out.header, out.body)
		}
		if ctx.Err() != nil {
			return nil, c.canceled(req, safe, ctx.Err(), true)
		}
		last = c.failure(req, out, safe, m)
		if relogins > 0 && renewedToken == "" {
			renewedToken = token
		}
		if out.err == nil && out.status == http.StatusUnauthorized && token != "" && req.BearerToken == "" &&
			token != renewedToken && relogins < maxRelogins {
			// The token expired or was revoked: a new login and a retry.
			c.auth.Tokens.Invalidate(token)
			relogins, renewedToken = relogins+1, ""
			continue
		}
		var retry bool
		var step int // how many retries of this kind were made before
		if out.err == nil && out.status == http.StatusTooManyRequests {
			// The server did not process the request: always safe to send
			// again, on a count of its own so that throttling does not eat
			// the retries kept for failures.
			retry, step = c.cfg.MaxRetries > 0 && rateLimited < maxRateLimitedRetries, rateLimited
			rateLimited++
		} else {
			retry, step = retries < c.cfg.MaxRetries && shouldRetry(safe, out.status, out.err), retries
			retries++
		}
		if !retry {
			return nil, last
		}
		delay, err := c.retryWait(req, b, out, step, sent, last)
		if err != nil {
			return nil, err
		}
		logRetry(logCtx, c.cfg.Service, req, retryNote{
			attempt: sent, status: out.status, reason: retryReason(out.status, out.header, out.err),
			err: out.err, delay: delay, left: b.left(time.Now()),
		})
		if err := sleep(ctx, delay); err != nil {
			return nil, c.canceled(req, safe, err, false)
		}
	}
}

// retryWait returns how long to wait before the next attempt: the answer's
// Retry-After, else backoff, shortened to half of what is left of the budget
// when it would not fit. A Retry-After that would end past the budget's
// deadline is a *RetryAfterError instead; a budget too short for any wait a
// *RetryBudgetError around the last failure.
func (c *Client) retryWait(req Request, b *budget, out outcome, step, sent int, last error) (time.Duration, error) {
	now := time.Now()
	if value := out.header.Get("Retry-After"); out.err == nil && value != "" {
		if wait, ok := parseRetryAfter(value, now); ok {
			if !b.fits(now, wait) {
				return 0, &RetryAfterError{
					Service: c.cfg.Service, Method: req.Method, Path: req.Path, StatusCode: out.status,
					RetryAfter: value, Wait: wait, Left: b.left(now), Budget: b.total, Err: last,
				}
			}
			return wait, nil
		}
	}
	delay, ok := b.backoff(now, retryDelay(nil, step, now))
	if !ok {
		return 0, c.budgetSpent(req, b, sent, last)
	}
	return delay, nil
}

// budgetSpent is the error of a call whose budget ran out after sent
// attempts, the last of which failed with last.
func (c *Client) budgetSpent(req Request, b *budget, sent int, last error) error {
	return &RetryBudgetError{Service: c.cfg.Service, Method: req.Method, Path: req.Path, Budget: b.total, Attempts: sent, Err: last}
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
	token, err := c.auth.Tokens.Token(ctx)
	if errors.Is(err, errTokenInOwnLogin) {
		err = fmt.Errorf("%s API: %s %s: %w", c.cfg.Service, req.Method, req.Path, err)
	}
	return token, err
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
		if field, missing := missingIdentity(req.Result); missing {
			err := &MissingIdentityError{Service: c.cfg.Service, Method: req.Method, Path: req.Path, Field: field}
			if !req.SafeToRetry && !idempotentMethod(req.Method) {
				// The create was applied, but what it made cannot be named.
				return nil, &UncertainError{Method: req.Method, Path: req.Path, Err: err}
			}
			return nil, err
		}
	}
	return &Response{StatusCode: status, Header: header, Body: body}, nil
}
