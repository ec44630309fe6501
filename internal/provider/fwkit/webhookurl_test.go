package fwkit

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestAbsoluteHTTPURL(t *testing.T) {
	for raw, wantErr := range map[string]bool{
		"https://hooks.example.com/cryptr?x=1": false,
		"http://127.0.0.1:8080/hook":           false,
		"http://example.com":                   false,
		"hooks.example.com/cryptr":             true,
		"/relative":                            true,
		"ftp://example.com":                    true,
		"https://":                             true,
		"https://exa mple.com":                 true,
		"mailto:a@example.com":                 true,
	} {
		req := validator.StringRequest{Path: path.Root("target_url"), ConfigValue: types.StringValue(raw)}
		var resp validator.StringResponse
		AbsoluteHTTPURL().ValidateString(context.Background(), req, &resp)
		if resp.Diagnostics.HasError() != wantErr {
			t.Errorf("%q: error = %v, want %v", raw, resp.Diagnostics, wantErr)
		}
		if wantErr && !strings.Contains(resp.Diagnostics[0].Detail(), "target_url") {
			t.Errorf("%q: the detail does not name the attribute: %s", raw, resp.Diagnostics[0].Detail())
		}
	}
}
