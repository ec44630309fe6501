package fwkit

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// WellFormedXML validates that a string is one well-formed XML document:
// a single root element, matching tags, and only white space outside it.
func WellFormedXML() validator.String { return wellFormedXML{} }

type wellFormedXML struct{}

func (wellFormedXML) Description(context.Context) string {
	return "must be a well-formed XML document"
}

func (v wellFormedXML) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (wellFormedXML) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckXML(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid XML", fmt.Sprintf("%s must be a well-formed XML document: %v", req.Path, err))
	}
}

// CheckXML returns why s is not one well-formed XML document, or nil.
func CheckXML(s string) error {
	dec := xml.NewDecoder(strings.NewReader(s))
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && strings.TrimSpace(string(t)) != "" {
				return errors.New("text outside the root element")
			}
		}
	}
	switch {
	case roots == 0:
		return errors.New("no root element")
	case roots > 1:
		return errors.New("more than one root element")
	}
	return nil
}

// AbsoluteURI validates an absolute URI such as an OAuth redirect URI: a
// scheme, a host for http and https (custom schemes such as
// com.example.app:/callback need none), no white space and no fragment.
func AbsoluteURI() validator.String { return absoluteURI{} }

type absoluteURI struct{}

func (absoluteURI) Description(context.Context) string {
	return "must be an absolute URI such as https://app.example.com/callback (a scheme, a host for http(s), no white space, no #fragment)"
}

func (v absoluteURI) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v absoluteURI) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if value := req.ConfigValue.ValueString(); !IsAbsoluteURI(value) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URI", fmt.Sprintf("%s %s, got %q", req.Path, v.Description(ctx), value))
	}
}

// IsAbsoluteURI reports whether s passes AbsoluteURI.
func IsAbsoluteURI(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n\v\f#") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return false
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		return u.Host != ""
	}
	return u.Opaque != "" || u.Host != "" || u.Path != ""
}

// SSOProviderTypes are the provider types of a Cryptr SSO connection: one
// per identity provider the Cryptr API reference lists (Azure Active
// Directory, ADFS, Okta, Ping Federate, Ping One, Auth0, OneLogin, Custom
// SAML), and "unset".
var SSOProviderTypes = []string{
	"saml.azure_ad", "saml.adfs", "saml.okta", "saml.ping_federate", "saml.ping_one",
	"saml.auth0", "saml.onelogin", "saml.custom", "unset",
}

// SSOProviderType validates the provider_type of a Cryptr SSO connection
// against SSOProviderTypes, and names the type probably meant for a near
// miss ("saml.okat": did you mean "saml.okta"?). A wrong type cannot be
// fixed after creation, so it has to fail the plan.
func SSOProviderType() validator.String {
	return OneOfSuggesting("Cryptr can neither change the provider type of an SSO connection nor delete the connection, "+
		"so a wrong provider type could not be corrected after the apply.", SSOProviderTypes...)
}
