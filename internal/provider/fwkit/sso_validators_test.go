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
