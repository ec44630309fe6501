// Package httpclient is the HTTP layer shared by the Cryptr, Cyrisma and
// Synerise clients: base-URL checks (HTTPS except on loopback), a caching
// token source with single-flight refresh, retries with exponential backoff
// and jitter that honour Retry-After and never blindly repeat a create, one
// re-login and retry on 401, typed API errors, and request/response logging
// through terraform-plugin-log with every credential masked.
//
// Service packages supply what differs per API: how to log in, how to put
// the token in a header, and how to decode the service's error body.
//
// # Retry budget
//
// Every API call runs on a retry budget, Config.MaxRetryDuration
// (DefaultMaxRetryDuration, 2 minutes, when zero; the provider's
// max_retry_duration / TENANT_MAX_RETRY_DURATION). Attempts start only
// while the budget lasts and no retry wait ends past it, so a server that
// never answers fails a call within Timeout + MaxRetryDuration. MaxRetries
// (and the cap of 30 answers 429, maxRateLimitedRetries) still bound the
// number of retries within the budget; a client-side rate-limiter turn that
// would come after the budget fails at once. Client.WithBudget puts one
// budget on a context so that several calls share it: CreateOnce runs its
// creates and every look-up (each maybe several pages) on one budget. A
// call that runs out fails with a *RetryBudgetError around its last failure.
// A login runs on a budget of its own, since its outcome serves every call
// waiting for it.
//
// # Retry-After
//
// A Retry-After (seconds or HTTP date) is waited for whole, never clamped;
// one longer than what is left of the budget fails the call at once with a
// *RetryAfterError that quotes the header and what was left of
// max_retry_duration. Both errors wrap ErrRetryBudgetSpent.
//
// # What is never retried
//
// Answers 4xx other than 408, 425 and 429 (429 alone is retried for
// creates, since it says nothing was done); TLS handshake and certificate
// failures (including https spoken to a plain-http server), a host name
// that does not exist, an unsupported URL scheme, a refused redirect and a
// too-large answer. A request that never left (TLS, DNS, scheme) is not
// uncertain even for a create. Connection refused or reset, timeouts and
// 5xx are retried within the budget for requests safe to repeat.
//
// # Caps
//
// At most Config.MaxResponseBytes (DefaultMaxResponseBytes, 4 MiB, when
// zero) is read from one answer; a larger one fails with a
// *ResponseTooLargeError (inside an *UncertainError for a create that got a
// 2xx or 5xx). Logged request and response bodies are cut to 4 KiB
// (maxLoggedBody), with a note of their full size, at every level.
//
// # Redirects
//
// Redirects are followed only within the API's origin (same scheme, host
// and port; never from https to http), at most 10 times, and for requests
// other than GET and HEAD only by 307 or 308, which keep the method and
// body. Any other redirect fails with a *RedirectError that names the
// Location, its sensitive query values masked; for a create it comes inside
// an *UncertainError.
//
// # Failed logins
//
// A failed login (not one cut short by its caller's context) is remembered
// for loginFailureMemory (1 minute): every call needing a token in that time
// gets a *RememberedLoginError wrapping it at once, so that many resources
// behind a wrong secret or an unreachable login fail in the time of one
// login. The first call after that logs in again.
//
// # Redaction
//
// No error built from a server's answer (APIError code, message and field
// errors, DecodeError, RetryAfterError, RedirectError, transport errors)
// leaves Do with a credential of this process in its text: the values of
// Config.Secrets, every access and refresh token the TokenSource obtained
// (the last 32) and the bearer tokens of login steps are replaced by Mask
// (values of 4 characters or more, as in the logs).
package httpclient
