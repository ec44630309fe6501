package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

func captured(status int, contentType, body string) *captureWriter {
	c := newCaptureWriter()
	if contentType != "" {
		c.Header().Set("Content-Type", contentType)
	}
	c.WriteHeader(status)
	_, _ = c.Write([]byte(body))
	return c
}

func TestWritePadded(t *testing.T) {
	for name, tc := range map[string]struct {
		contentType, body string
		json              bool
	}{
		"empty object": {"application/json", "{}\n", true},
		"object":       {"application/json; charset=utf-8", `{"a":1}` + "\n", true},
		"array":        {"application/json", `[1,2]`, true},
		"text":         {"text/plain", "hello", false},
	} {
		rec := httptest.NewRecorder()
		writePadded(rec, captured(200, tc.contentType, tc.body), 100000)
		got := rec.Body.Bytes()
		if len(got) < 100000 || rec.Header().Get("Content-Length") != strconv.Itoa(len(got)) {
			t.Errorf("%s: %d bytes, Content-Length %s", name, len(got), rec.Header().Get("Content-Length"))
		}
		if tc.json && !json.Valid(got) {
			t.Errorf("%s: not valid JSON: %.80s", name, got)
		}
	}
	req := httptest.NewRequest("GET", "/", nil)
	if paddable(req, captured(http.StatusNoContent, "", "")) || paddable(httptest.NewRequest("HEAD", "/", nil), captured(200, "", "")) {
		t.Error("204 or HEAD answers are not paddable")
	}
	if anonymizable(req, captured(200, "text/plain", "x")) || !anonymizable(req, captured(201, "application/problem+json", "{}")) {
		t.Error("anonymizable: JSON 2xx answers only")
	}
}
