package cyrisma

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// maxFormBytes caps the size of a request body.
const maxFormBytes = 1 << 20

// errJSONBody reports a JSON request body, which this API never accepts.
var errJSONBody = errors.New("request body must be application/x-www-form-urlencoded, not JSON")

// form is a parsed x-www-form-urlencoded body merged over the query string
// (body values win).
type form url.Values

// parseForm reads the request body as x-www-form-urlencoded. A body declared
// as JSON (Content-Type */json or *+json), or an undeclared body starting
// with '{' or '[', is rejected with errJSONBody.
func parseForm(r *http.Request) (form, error) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxFormBytes))
	if err != nil {
		return nil, err
	}
	ct := r.Header.Get("Content-Type")
	if ct != "" {
		mt, _, perr := mime.ParseMediaType(ct)
		if perr == nil && (strings.HasSuffix(mt, "/json") || strings.HasSuffix(mt, "+json")) {
			return nil, errJSONBody
		}
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		return nil, errJSONBody
	}
	body, err := url.ParseQuery(string(raw))
	if err != nil {
		return nil, errors.New("malformed form body: " + err.Error())
	}
	merged := url.Values{}
	for k, v := range r.URL.Query() {
		merged[k] = v
	}
	for k, v := range body {
		merged[k] = v
	}
	return form(merged), nil
}

// get returns the trimmed value of the first of names that is present.
func (f form) get(names ...string) string {
	for _, n := range names {
		if v, ok := f[n]; ok && len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
	}
	return ""
}

// readForm parses the body and answers 400 invalid_request on failure; ok
// reports whether the handler may continue.
func readForm(w http.ResponseWriter, r *http.Request) (form, bool) {
	f, err := parseForm(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, errInvalidRequest, err.Error())
		return nil, false
	}
	return f, true
}
