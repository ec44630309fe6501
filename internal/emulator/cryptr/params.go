package cryptr

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

const maxBodyBytes = 1 << 20

// params holds request parameters flattened to form-style keys: "name",
// "allowed_email_domains[]" (lists), "parent[child]" (nested maps). A key
// that is present with no values (an empty JSON array) is kept.
type params map[string][]string

// parseParams merges the query string and the body (form-urlencoded,
// multipart or JSON). A key present in the body replaces the same key from
// the query string. Without a usable Content-Type the body is sniffed: a
// leading '{' means JSON, anything else form-urlencoded.
func parseParams(r *http.Request) (params, error) {
	p := params{}
	q, _ := url.ParseQuery(r.URL.RawQuery) // malformed query pairs are ignored
	p.merge(q)

	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType == "multipart/form-data" {
		if err := r.ParseMultipartForm(maxBodyBytes); err != nil {
			return nil, fmt.Errorf("malformed multipart body: %w", err)
		}
		p.merge(r.MultipartForm.Value)
		return p, nil
	}
	raw, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	body := strings.TrimSpace(string(raw))
	if body == "" {
		return p, nil
	}
	isJSON := strings.HasSuffix(mediaType, "json") ||
		(mediaType != "application/x-www-form-urlencoded" && body[0] == '{')
	if isJSON {
		var obj map[string]any
		dec := json.NewDecoder(strings.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&obj); err != nil {
			return nil, fmt.Errorf("malformed JSON body: %w", err)
		}
		flat := params{}
		for k, v := range obj {
			flat.flatten(k, v)
		}
		p.merge(flat)
		return p, nil
	}
	form, err := url.ParseQuery(body)
	if err != nil {
		return nil, fmt.Errorf("malformed form body: %w", err)
	}
	p.merge(form)
	return p, nil
}

// merge copies every non-empty key of src into p, replacing existing ones.
func (p params) merge(src map[string][]string) {
	for k, v := range src {
		if k != "" {
			p[k] = v
		}
	}
}

// flatten stores a decoded JSON value under form-style keys. Nulls and
// non-scalar list elements are skipped.
func (p params) flatten(key string, v any) {
	switch v := v.(type) {
	case nil:
	case map[string]any:
		for k, child := range v {
			p.flatten(key+"["+k+"]", child)
		}
	case []any:
		lk := key + "[]"
		if _, ok := p[lk]; !ok {
			p[lk] = []string{}
		}
		for _, e := range v {
			if s, ok := scalar(e); ok {
				p[lk] = append(p[lk], s)
			}
		}
	default:
		if s, ok := scalar(v); ok {
			p[key] = append(p[key], s)
		}
	}
}

func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// str returns the last value of key and whether key was present at all.
func (p params) str(key string) (string, bool) {
	v, ok := p[key]
	if !ok {
		return "", false
	}
	if len(v) == 0 {
		return "", true
	}
	return v[len(v)-1], true
}

// first returns the value of the first present key among keys.
func (p params) first(keys ...string) (string, bool) {
	for _, k := range keys {
		if v, ok := p.str(k); ok {
			return v, true
		}
	}
	return "", false
}

// list returns the list stored as key[] (or, failing that, a repeated plain
// key) with empty values dropped, and whether it was present. A list given
// only as empty values is present and empty: that is how a form clears it.
func (p params) list(key string) ([]string, bool) {
	v, ok := p[key+"[]"]
	if !ok {
		v, ok = p[key]
	}
	if !ok {
		return nil, false
	}
	out := []string{}
	for _, s := range v {
		if s != "" {
			out = append(out, s)
		}
	}
	return out, true
}

// positiveInt parses key as an integer >= 1, else returns def.
func (p params) positiveInt(def int, keys ...string) int {
	s, ok := p.first(keys...)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return def
	}
	return n
}
