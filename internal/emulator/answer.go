package emulator

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// anonymousBody replaces a 2xx JSON answer under the anonymous_answer_rate
// fault: an object lacking the identifying field of every emulated object
// (domain, instance_id, uuid...), whose "id" is garbage.
const anonymousBody = `{"id":"x"}` + "\n"

// anonymizable reports whether the captured answer is a 2xx JSON answer
// with a body (HEAD answers have none).
func anonymizable(r *http.Request, c *captureWriter) bool {
	code := c.code()
	return r.Method != http.MethodHead && code >= 200 && code < 300 && c.body.Len() > 0 && isJSON(c.header)
}

// isJSON reports whether h's Content-Type is JSON (application/json or
// any +json type).
func isJSON(h http.Header) bool {
	mt, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// anonymize replaces the captured body by anonymousBody, status and other
// headers unchanged.
func anonymize(c *captureWriter) {
	c.body.Reset()
	c.body.WriteString(anonymousBody)
	c.header.Set("Content-Type", "application/json; charset=utf-8")
	c.header.Del("Content-Length")
}

// paddable reports whether the captured answer may carry a body: not an
// answer to HEAD, nor 1xx, 204 or 304.
func paddable(r *http.Request, c *captureWriter) bool {
	code := c.code()
	return r.Method != http.MethodHead && code >= 200 && code != http.StatusNoContent && code != http.StatusNotModified
}

// paddingField is the member an oversized JSON object answer gains, last.
const paddingField = `"emulator_padding":"`

// paddingChunk and spaceChunk are written again and again to stream the
// padding.
var (
	paddingChunk = bytes.Repeat([]byte("x"), 32<<10)
	spaceChunk   = bytes.Repeat([]byte(" "), 32<<10)
)

// writePadded sends the captured answer padded to at least size bytes,
// with a Content-Length: a JSON object gains a last member
// "emulator_padding" whose value is a string of "x" (so it stays valid
// JSON, its other members untouched, and a JSON decoder must read it all);
// any other body is followed by spaces (JSON stays valid). The padding is
// streamed in chunks, never held in memory whole.
func writePadded(w http.ResponseWriter, c *captureWriter, size int) {
	body := c.body.Bytes()
	var head, tail []byte
	filler := paddingChunk
	if trimmed := bytes.TrimSpace(body); isJSON(c.header) && len(trimmed) >= 2 &&
		trimmed[0] == '{' && trimmed[len(trimmed)-1] == '}' {
		inner := bytes.TrimSpace(trimmed[1 : len(trimmed)-1])
		head = append([]byte(nil), trimmed[:len(trimmed)-1]...)
		if len(inner) > 0 {
			head = append(head, ',')
		}
		head = append(head, paddingField...)
		tail = []byte("\"}\n")
	} else {
		head = body
		filler = spaceChunk
	}
	pad := max(0, size-len(head)-len(tail))
	for k, v := range c.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(head)+pad+len(tail)))
	w.WriteHeader(c.code())
	if _, err := w.Write(head); err != nil {
		return
	}
	for pad > 0 {
		n := min(pad, len(filler))
		if _, err := w.Write(filler[:n]); err != nil {
			return
		}
		pad -= n
	}
	_, _ = w.Write(tail)
}
