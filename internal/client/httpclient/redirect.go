package httpclient

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is how many redirects one request may follow.
const maxRedirects = 10

// RedirectError reports a redirect the client refused to follow: to another
// origin (scheme, host or port), from https to http, one that would turn a
// POST, PUT, PATCH or DELETE into a GET (anything but 307 and 308), or one
// too many. It is never retried.
type RedirectError struct {
	// Service, Method and Path identify the call.
	Service      string
	Method, Path string
	// StatusCode is the redirect answer's status.
	StatusCode int
	// Location is where it pointed, with sensitive query values and any
	// password masked.
	Location string
	// Reason says why it was refused.
	Reason string
}

// Error implements error.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s API: %s %s: refused to follow the %d %s redirect to %s: %s",
		e.Service, e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode), e.Location, e.Reason)
}

// checkRedirect is the client's redirect policy (http.Client.CheckRedirect):
// via[0] is the request Do sent.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0]
	status := 0
	if req.Response != nil {
		status = req.Response.StatusCode
	}
	refuse := func(reason string, args ...any) error {
		return &RedirectError{Method: first.Method, StatusCode: status, Location: redactURL(req.URL), Reason: fmt.Sprintf(reason, args...)}
	}
	from, to := first.URL, req.URL
	switch {
	case strings.EqualFold(from.Scheme, "https") && !strings.EqualFold(to.Scheme, "https"):
		return refuse("it would leave https for %s", to.Scheme)
	case origin(from) != origin(to):
		return refuse("it leaves %s, and redirects are followed only within the API's own scheme, host and port", origin(from))
	case first.Method != http.MethodGet && first.Method != http.MethodHead &&
		status != http.StatusTemporaryRedirect && status != http.StatusPermanentRedirect:
		return refuse("a %s is redirected only by 307 or 308, which keep its method and body", first.Method)
	case len(via) >= maxRedirects:
		return refuse("stopped after %d redirects", maxRedirects)
	}
	return nil
}

// origin returns scheme://host:port of u, with the scheme's default port
// made explicit.
func origin(u *url.URL) string {
	scheme, port := strings.ToLower(u.Scheme), u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// redactURL returns u as text with sensitive query values and any password
// masked.
func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	if c.RawQuery != "" {
		c.RawQuery = RedactBody("application/x-www-form-urlencoded", []byte(c.RawQuery))
	}
	return c.Redacted()
}
