package httpclient

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestRedactHeaders(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	h.Set("Authorization", "Bearer abc")
	h.Set("Cookie", "session=1")
	h.Set("Set-Cookie", "session=2")
	h.Set("X-Api-Key", "k")
	h.Set("X-Auth-Token", "t")
	h.Set("Content-Type", "application/json")
	h.Add("Accept", "application/json")
	h.Add("Accept", "text/plain")
	got := RedactHeaders(h)
	want := map[string]string{
		"Authorization": Mask, "Cookie": Mask, "Set-Cookie": Mask, "X-Api-Key": Mask, "X-Auth-Token": Mask,
		"Content-Type": "application/json", "Accept": "application/json, text/plain",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("RedactHeaders = %v, want %v", got, want)
	}
	if h.Get("Authorization") != "Bearer abc" {
		t.Fatal("RedactHeaders changed its input")
	}
	if got := RedactHeaders(nil); len(got) != 0 {
		t.Fatalf("RedactHeaders(nil) = %v", got)
	}
}

func TestRedactBodyJSON(t *testing.T) {
	t.Parallel()
	body := `{
		"name": "acme",
		"password": "p4ss",
		"apiKey": "k3y",
		"api_key": "k3y",
		"nested": {"client_secret": "s3c", "count": 3, "deeper": [{"access_token": "t0k", "id": "x"}]},
		"list": [{"refresh_token": "r"}, "plain"],
		"verificationCode": "123456",
		"newPass": "np",
		"agent_key": "ak",
		"token": {"value": "inner"},
		"password_length": 12
	}`
	var got map[string]any
	if err := json.Unmarshal([]byte(RedactBody("application/json", []byte(body))), &got); err != nil {
		t.Fatalf("RedactBody output is not JSON: %v", err)
	}
	var want map[string]any
	_ = json.Unmarshal([]byte(`{
		"name": "acme",
		"password": "***",
		"apiKey": "***",
		"api_key": "***",
		"nested": {"client_secret": "***", "count": 3, "deeper": [{"access_token": "***", "id": "x"}]},
		"list": [{"refresh_token": "***"}, "plain"],
		"verificationCode": "***",
		"newPass": "***",
		"agent_key": "***",
		"token": {"value": "***"},
		"password_length": 12
	}`), &want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("RedactBody =\n%v\nwant\n%v", got, want)
	}
	// JSON is recognised without a content type, and a top-level array works.
	if got := RedactBody("", []byte(`[{"token":"x"}]`)); got != `[{"token":"***"}]` {
		t.Fatalf("array body: %s", got)
	}
}

func TestRedactBodyForm(t *testing.T) {
	t.Parallel()
	form := url.Values{
		"grant_type": {"password"}, "username": {"key"}, "password": {"s3c"},
		"client_secret": {"cs"}, "refresh_token": {"rt"}, "name": {"acme"},
	}
	got, err := url.ParseQuery(RedactBody("application/x-www-form-urlencoded; charset=utf-8", []byte(form.Encode())))
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"grant_type": {"password"}, "username": {"key"}, "password": {Mask},
		"client_secret": {Mask}, "refresh_token": {Mask}, "name": {"acme"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("RedactBody form = %v, want %v", got, want)
	}
}

func TestRedactBodyOther(t *testing.T) {
	t.Parallel()
	tests := []struct{ contentType, body, want string }{
		{"text/plain", "", ""},
		{"text/plain", "just text", "just text"},
		{"application/json", "{not json", "{not json"},
		{"text/html", "<h1>502</h1>", "<h1>502</h1>"},
	}
	for _, tt := range tests {
		if got := RedactBody(tt.contentType, []byte(tt.body)); got != tt.want {
			t.Errorf("RedactBody(%q, %q) = %q, want %q", tt.contentType, tt.body, got, tt.want)
		}
	}
}

func TestRedactURLError(t *testing.T) {
	t.Parallel()
	cause := errors.New("EOF")
	// net/http (through resty) returns the *url.Error itself.
	err := error(&url.Error{Op: "Get", URL: "https://api.example.com/x?api_key=k3y&page=2", Err: cause})
	got := redactURLError(err)
	if strings.Contains(got.Error(), "k3y") || !strings.Contains(got.Error(), "page=2") || !strings.Contains(got.Error(), "https://api.example.com/x") {
		t.Fatalf("redactURLError = %q", got)
	}
	if !errors.Is(got, cause) {
		t.Fatal("redactURLError lost the cause")
	}
	plain := errors.New("plain")
	if redactURLError(plain) != plain {
		t.Fatal("redactURLError changed an error without a URL")
	}
}

func TestRedactBodyMasksNestedSecrets(t *testing.T) {
	body := `{"auth_secret_token":{"hint":"keep it","value":"scim-abc123"},"signature_key":"sig-xyz","id":"42","tokens":["t1","t2"]}`
	got := RedactBody("application/json", []byte(body))
	for _, secret := range []string{"scim-abc123", "sig-xyz", "t1", "t2"} {
		if strings.Contains(got, secret) {
			t.Errorf("%q leaked: %s", secret, got)
		}
	}
	if !strings.Contains(got, `"id":"42"`) {
		t.Errorf("non-secret field lost: %s", got)
	}
}
