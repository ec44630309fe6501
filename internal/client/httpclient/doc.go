// Package httpclient is the HTTP layer shared by the Cryptr, Cyrisma and
// Synerise clients: base-URL checks (HTTPS except on loopback), a caching
// token source with single-flight refresh, retries with exponential backoff
// and jitter that honour Retry-After and never blindly repeat a create, one
// re-login and retry on 401, typed API errors, and request/response logging
// through terraform-plugin-log with every credential masked.
//
// Service packages supply what differs per API: how to log in, how to put
// the token in a header, and how to decode the service's error body.
package httpclient
