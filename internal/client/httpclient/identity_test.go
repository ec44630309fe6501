package httpclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// idThing is an object identified by its id.
type idThing struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (t *idThing) Identity() (string, string) { return "id", t.ID }

// idPage is a list page that checks its items.
type idPage struct {
	Items []idThing `json:"items"`
}

func (p *idPage) MissingIdentity() (string, bool) { return FirstMissingIdentity(p.Items) }

func TestMissingIdentity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		result      any
		wantField   string
		wantMissing bool
	}{
		{"identified", &idThing{ID: "1"}, "", false},
		{"identified, empty", &idThing{Name: "a"}, "id", true},
		{"slice, all identified", &[]idThing{{ID: "1"}, {ID: "2"}}, "", false},
		{"slice, one empty", &[]idThing{{ID: "1"}, {}}, "id", true},
		{"empty slice", &[]idThing{}, "", false},
		{"checker, all identified", &idPage{Items: []idThing{{ID: "1"}}}, "", false},
		{"checker, one empty", &idPage{Items: []idThing{{ID: "1"}, {Name: "b"}}}, "id", true},
		{"not identified at all", &struct{ Name string }{}, "", false},
		{"slice of other things", &[]string{""}, "", false},
		{"nil slice pointer", (*[]idThing)(nil), "", false},
		{"map", &map[string]string{}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			field, missing := missingIdentity(tt.result)
			if missing != tt.wantMissing || (missing && field != tt.wantField) {
				t.Fatalf("missingIdentity = %q, %v; want %q, %v", field, missing, tt.wantField, tt.wantMissing)
			}
		})
	}
	if field, missing := FirstMissingIdentity([]string{"", "x"}); missing || field != "" {
		t.Fatal("FirstMissingIdentity must ignore values that are not Identified")
	}
}

func TestDoRefusesAnswersWithoutIdentity(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/good":
			writeJSON(w, http.StatusOK, map[string]string{"id": "7", "name": "a"})
		case "/list":
			writeJSON(w, http.StatusOK, map[string]any{"items": []map[string]string{{"id": "1"}, {"name": "no id"}}})
		default:
			writeJSON(w, http.StatusCreated, map[string]string{"name": "a"})
		}
	})
	c := newTestClient(t, srv, 2)
	var good idThing
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/good", Result: &good}); err != nil || good.ID != "7" {
		t.Fatalf("err = %v, got %+v", err, good)
	}
	var page idPage
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/list", Result: &page})
	var missing *MissingIdentityError
	if !errors.As(err, &missing) || missing.Field != "id" || errors.As(err, new(*UncertainError)) {
		t.Fatalf("GET: err = %v, want a plain MissingIdentityError", err)
	}
	if want := `Test API: GET /list answered without the object's "id"`; !strings.Contains(err.Error(), want) {
		t.Fatalf("message %q lacks %q", err, want)
	}
	var made idThing
	_, err = c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/things", Result: &made})
	if !errors.As(err, &missing) || !errors.As(err, new(*UncertainError)) {
		t.Fatalf("POST: err = %v, want an UncertainError around a MissingIdentityError (the create was applied)", err)
	}
	// A create that is safe to repeat is not uncertain.
	_, err = c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/things", SafeToRetry: true, Result: &made})
	if !errors.As(err, &missing) || errors.As(err, new(*UncertainError)) {
		t.Fatalf("safe POST: err = %v, want a plain MissingIdentityError", err)
	}
}
