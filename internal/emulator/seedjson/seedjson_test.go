package seedjson

import (
	"strings"
	"testing"
	"time"
)

// doc is a small type to decode into.
type doc struct {
	Name  string            `json:"name"`
	On    bool              `json:"on"`
	Count int               `json:"count"`
	Tags  map[string]string `json:"tags"`
	Items []struct {
		ID string `json:"id"`
	} `json:"items"`
}

func TestDecodeReportsPaths(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"{\r\n  \"name\": \"a\",\n  \"on\": tru\n}", "seed: line 3, column 12: malformed JSON"},
		{`{"items": [{"id": "a"}, {"id": 2}]}`, "seed: items[1].id: want a string, got a number"},
		{`{"tags": {"a": true}}`, "seed: tags.a: want a string, got a boolean"},
		{`{"count": "1"}`, "seed: count: want an integer, got a string"},
		{`{"items": [{"id": "a", "extra": 1}]}`, "seed: items[0].extra: unknown field"},
		{"{}\n  x", "seed: line 2, column 3: unexpected data after the top-level object"},
		{"  ", "seed: the file is empty"},
	} {
		var d doc
		_, err := Decode([]byte(tc.in), &d)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Decode(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestNodeTellsWhatWasLeftOut(t *testing.T) {
	var d doc
	root, err := Decode([]byte(`{"name": "x", "on": false, "count": null, "items": [{"id": "a"}]}`), &d)
	if err != nil {
		t.Fatal(err)
	}
	if !root.Has("on") || root.Has("count") || root.Has("tags") {
		t.Error("Has: on is given; count (null) and tags (absent) are left out")
	}
	if Or(root, "on", d.On, true) != false || Or(root, "count", d.Count, 7) != 7 {
		t.Error("Or must keep a given false and default a null")
	}
	item := root.Field("items").Index(0)
	if item.Path() != "items[0]" || !item.Has("id") || root.Field("items").Index(5).Has("id") {
		t.Errorf("item path %q", item.Path())
	}
	err = item.Labeled("A").Err("id", "bad %d", 1)
	if err.Error() != `seed: items[0] ("A"): id: bad 1` {
		t.Errorf("Err = %v", err)
	}
	if _, err := item.Time("at", "2026-01-02", time.Time{}); err == nil || !strings.Contains(err.Error(), "at: must be an RFC 3339 time") {
		t.Errorf("Time = %v", err)
	}
	def := time.Unix(5, 0)
	if got, err := item.Time("at", "", def); err != nil || !got.Equal(def) {
		t.Errorf("Time of an empty value = %v, %v", got, err)
	}
}
