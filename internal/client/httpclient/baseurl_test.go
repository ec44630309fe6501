package httpclient

import (
	"strings"
	"testing"
)

func TestValidateBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw     string
		want    string
		wantErr string // substring of the error; empty means success
	}{
		{raw: "https://api.example.com", want: "https://api.example.com"},
		{raw: "https://api.example.com/app/", want: "https://api.example.com/app"},
		{raw: "  https://api.example.com:8443/  ", want: "https://api.example.com:8443"},
		{raw: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080"},
		{raw: "http://127.0.0.2/app", want: "http://127.0.0.2/app"},
		{raw: "http://[::1]:9000/", want: "http://[::1]:9000"},
		{raw: "http://localhost:9000", want: "http://localhost:9000"},
		{raw: "http://LOCALHOST", want: "http://LOCALHOST"},
		{raw: "http://api.example.com", wantErr: "https://"},
		{raw: "http://10.0.0.1", wantErr: "https://"},
		{raw: "http://localhost.example.com", wantErr: "https://"},
		{raw: "ftp://api.example.com", wantErr: "absolute http(s) URL"},
		{raw: "api.example.com", wantErr: "absolute http(s) URL"},
		{raw: "https://", wantErr: "absolute http(s) URL"},
		{raw: "", wantErr: "absolute http(s) URL"},
		{raw: "://garbage", wantErr: "absolute http(s) URL"},
		{raw: "https://exa mple.com", wantErr: "absolute http(s) URL"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := ValidateBaseURL("service_url", tt.raw)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ValidateBaseURL(%q) = %q, want an error", tt.raw, got)
				}
				if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "service_url") {
					t.Fatalf("error %q does not mention %q and the attribute name", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ValidateBaseURL(%q): %v", tt.raw, err)
			}
			if got != tt.want {
				t.Fatalf("ValidateBaseURL(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestIsLoopbackHost(t *testing.T) {
	t.Parallel()
	for host, want := range map[string]bool{
		"localhost": true, "LocalHost": true, "127.0.0.1": true, "127.1.2.3": true, "::1": true,
		"": false, "example.com": false, "10.0.0.1": false, "::": false, "0.0.0.0": false,
	} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}
