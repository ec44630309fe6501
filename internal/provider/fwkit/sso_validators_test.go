package fwkit

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCheckXML(t *testing.T) {
	good := []string{
		`<a/>`,
		"<?xml version=\"1.0\"?>\n<!-- idp -->\n<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"><md:X a=\"1\">t</md:X></md:EntityDescriptor>\n",
	}
	for _, s := range good {
		if err := CheckXML(s); err != nil {
			t.Errorf("CheckXML(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"", "   ", "text", "<a>", "<a></b>", "<a/><b/>", "x<a/>", "<a/>y", `<a b="1>`} {
		if err := CheckXML(s); err == nil {
			t.Errorf("CheckXML(%q) accepted", s)
		}
	}
}

func TestIsAbsoluteURI(t *testing.T) {
	for _, s := range []string{"https://app.example.com/callback", "http://localhost:3000/cb?x=1", "com.example.app:/oauth2redirect", "myapp://callback"} {
		if !IsAbsoluteURI(s) {
			t.Errorf("IsAbsoluteURI(%q) = false", s)
		}
	}
	for _, s := range []string{"", "/relative", "app.example.com/cb", "https://", "http:///x", "https://a.example.com/#frag", "https://a b.com", "mailto:"} {
		if IsAbsoluteURI(s) {
			t.Errorf("IsAbsoluteURI(%q) = true", s)
		}
	}
}

func TestSSOValidatorsDiagnostics(t *testing.T) {
	for _, tt := range []struct {
		v     validator.String
		value types.String
		want  string
	}{
		{WellFormedXML(), types.StringValue("<a>"), "metadata_xml must be a well-formed XML document"},
		{AbsoluteURI(), types.StringValue("/cb"), "metadata_xml must be an absolute URI"},
		{WellFormedXML(), types.StringNull(), ""},
		{AbsoluteURI(), types.StringUnknown(), ""},
	} {
		resp := &validator.StringResponse{}
		tt.v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("metadata_xml"), ConfigValue: tt.value}, resp)
		if tt.want == "" {
			if resp.Diagnostics.HasError() {
				t.Errorf("%v: unexpected %v", tt.value, resp.Diagnostics)
			}
			continue
		}
		if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail(), tt.want) {
			t.Errorf("%v: diagnostics %v, want %q", tt.value, resp.Diagnostics, tt.want)
		}
	}
}

func TestSSOProviderType(t *testing.T) {
	for _, tt := range []struct {
		value types.String
		want  string // "" when valid
	}{
		{types.StringValue("saml.okta"), ""},
		{types.StringValue("unset"), ""},
		{types.StringValue("saml.custom"), ""},
		{types.StringNull(), ""},
		{types.StringUnknown(), ""},
		{types.StringValue("saml.okat"), `provider_type must be one of "saml.azure_ad", "saml.adfs", "saml.okta", "saml.ping_federate", "saml.ping_one", "saml.auth0", "saml.onelogin", "saml.custom" or "unset", got "saml.okat": did you mean "saml.okta"? Cryptr can neither change`},
		{types.StringValue("okta"), `got "okta": did you mean "saml.okta"?`},
		{types.StringValue("saml.google"), `or "unset", got "saml.google". Cryptr can neither change the provider type`},
		// The old pattern accepted any "<saml|oauth>.<name>".
		{types.StringValue("oauth.github"), `got "oauth.github".`},
	} {
		resp := &validator.StringResponse{}
		SSOProviderType().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("provider_type"), ConfigValue: tt.value}, resp)
		if tt.want == "" {
			if resp.Diagnostics.HasError() {
				t.Errorf("%v: unexpected %v", tt.value, resp.Diagnostics)
			}
			continue
		}
		if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail(), tt.want) || resp.Diagnostics[0].Summary() != "Invalid provider_type" {
			t.Errorf("%v: diagnostics %v, want %q", tt.value, resp.Diagnostics, tt.want)
		}
		if strings.Contains(tt.want, "did you mean") != strings.Contains(resp.Diagnostics[0].Detail(), "did you mean") {
			t.Errorf("%v: suggestion mismatch in %q", tt.value, resp.Diagnostics[0].Detail())
		}
	}
}
