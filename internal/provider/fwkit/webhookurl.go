package fwkit

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// AbsoluteHTTPURL validates a URL that a service calls back, such as a
// webhook target: absolute, http:// or https://, with a host and no white
// space. Unlike BaseURL it accepts plain http:// for any host.
func AbsoluteHTTPURL() validator.String { return absoluteHTTPURL{} }

type absoluteHTTPURL struct{}

func (absoluteHTTPURL) Description(context.Context) string {
	return "must be an absolute http:// or https:// URL with a host"
}

func (v absoluteHTTPURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v absoluteHTTPURL) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw := req.ConfigValue.ValueString()
	if err := checkAbsoluteHTTPURL(raw); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
			fmt.Sprintf("%s %s, got %q: %s", req.Path, v.Description(ctx), raw, err))
	}
}

// checkAbsoluteHTTPURL explains what is wrong with raw, if anything.
func checkAbsoluteHTTPURL(raw string) error {
	if strings.ContainsAny(raw, " \t\r\n") {
		return fmt.Errorf("it contains white space")
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Errorf("it does not parse")
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("the scheme must be http or https")
	case u.Hostname() == "":
		return fmt.Errorf("it has no host")
	}
	return nil
}
