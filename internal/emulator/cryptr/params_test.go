package cryptr

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestParseParams(t *testing.T) {
	tests := []struct {
		name, target, ct, body string
		want                   map[string]string // key -> fmt of value (str or list)
	}{
		{"form nested and lists", "/x", formCT,
			"profile[given_name]=John&address[locality]=Lille&&tags[]=a&tags[]=&tags[]=b&email=john%40doe.com",
			map[string]string{"profile[given_name]": "John", "address[locality]": "Lille", "tags": "[a b]", "email": "john@doe.com"}},
		{"form empty list", "/x", formCT, "tags[]=", map[string]string{"tags": "[]"}},
		{"json nested", "/x", "application/json; charset=utf-8",
			`{"profile":{"given_name":"John"},"n":3,"b":true,"tags":["a",1,{"x":1}],"gone":null}`,
			map[string]string{"profile[given_name]": "John", "n": "3", "b": "true", "tags": "[a 1]", "gone": "<absent>"}},
		{"query merged, body wins", "/x?name=q&page=2", formCT, "name=b",
			map[string]string{"name": "b", "page": "2"}},
		{"plain repeated list", "/x?tags=a&tags=b", "", "", map[string]string{"tags": "[a b]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", tc.target, strings.NewReader(tc.body))
			if tc.ct != "" {
				r.Header.Set("Content-Type", tc.ct)
			}
			p, err := parseParams(r)
			if err != nil {
				t.Fatal(err)
			}
			for k, want := range tc.want {
				var got string
				if l, ok := p.list(k); ok && strings.HasPrefix(want, "[") {
					got = fmt.Sprint(l)
				} else if s, ok := p.str(k); ok {
					got = s
				} else {
					got = "<absent>"
				}
				if got != want {
					t.Errorf("%s = %q, want %q (params %v)", k, got, want, p)
				}
			}
		})
	}
}

func TestParseParamsMalformed(t *testing.T) {
	for _, tc := range []struct{ ct, body string }{
		{"application/json", `{"a":`},
		{"application/json", `[1,2]`},
		{formCT, "a=%zz"},
	} {
		r := httptest.NewRequest("POST", "/x", strings.NewReader(tc.body))
		r.Header.Set("Content-Type", tc.ct)
		if _, err := parseParams(r); err == nil {
			t.Errorf("%s %q: want error", tc.ct, tc.body)
		}
	}
}
