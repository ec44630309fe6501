package httpclient

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// Mask replaces every secret value in logs.
const Mask = "***"

// sensitiveKey matches field and header names whose values are credentials.
// Separators may be "_" (fields) or "-" (headers such as X-Api-Key).
var sensitiveKey = regexp.MustCompile(`(?i)(authorization|password|passwd|secret|token|api[-_]?key|verification[-_]?code|signature|agent[-_]key|cookie|newpass)`)

// RedactHeaders returns a copy of h with credential-bearing headers masked.
func RedactHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for name, values := range h {
		value := strings.Join(values, ", ")
		if sensitiveKey.MatchString(name) {
			value = Mask
		}
		out[name] = value
	}
	return out
}

// RedactBody returns body as text for logging, with the values of sensitive
// JSON or form fields masked. contentType selects the parser; a body that
// parses as neither is returned unchanged (known secret values are still
// masked by the log context).
func RedactBody(contentType string, body []byte) string {
	if len(body) == 0 {
		return ""
	}
	trimmed := strings.TrimSpace(string(body))
	if strings.Contains(contentType, "json") || strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[") {
		var doc any
		if err := json.Unmarshal(body, &doc); err == nil {
			masked, _ := json.Marshal(redactJSON(doc))
			return string(masked)
		}
	}
	if strings.Contains(contentType, "x-www-form-urlencoded") {
		if form, err := url.ParseQuery(trimmed); err == nil {
			for key := range form {
				if sensitiveKey.MatchString(key) {
					form[key] = []string{Mask}
				}
			}
			return form.Encode()
		}
	}
	return string(body)
}

func redactJSON(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for key, value := range t {
			if sensitiveKey.MatchString(key) {
				t[key] = maskAll(value)
				continue
			}
			t[key] = redactJSON(value)
		}
	case []any:
		for i := range t {
			t[i] = redactJSON(t[i])
		}
	}
	return v
}

// maskAll masks every string in v, however deeply nested, such as the
// value of {"auth_secret_token": {"value": "..."}}.
func maskAll(v any) any {
	switch t := v.(type) {
	case string:
		return Mask
	case map[string]any:
		for key, value := range t {
			t[key] = maskAll(value)
		}
	case []any:
		for i := range t {
			t[i] = maskAll(t[i])
		}
	}
	return v
}

// redactURLError masks the sensitive query values in the request URL that
// net/http puts in the message of a transport error, which is logged and
// returned to the user.
func redactURLError(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		if u, parseErr := url.Parse(urlErr.URL); parseErr == nil && u.RawQuery != "" {
			u.RawQuery = RedactBody("application/x-www-form-urlencoded", []byte(u.RawQuery))
			urlErr.URL = u.String()
		}
	}
	return err
}
