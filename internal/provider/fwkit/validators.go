package fwkit

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// BaseURL validates an API base URL: absolute, and HTTPS unless the host is
// a loopback address.
func BaseURL() validator.String { return baseURLValidator{} }

type baseURLValidator struct{}

func (baseURLValidator) Description(context.Context) string {
	return "must be an absolute https:// URL (http:// is accepted only for loopback addresses)"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := httpclient.ValidateBaseURL(req.Path.String(), req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL", err.Error())
	}
}

// Duration validates a Go duration string such as "30s" or "2m" that is
// at least minimum.
func Duration(minimum time.Duration) validator.String { return durationValidator{minimum: minimum} }

type durationValidator struct{ minimum time.Duration }

func (v durationValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a duration such as \"30s\" or \"2m\", at least %s", v.minimum)
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d < v.minimum {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", fmt.Sprintf("%s %s, got %q", req.Path, v.Description(context.Background()), req.ConfigValue.ValueString()))
	}
}

// NoSurroundingSpace refuses values with leading or trailing white space,
// which APIs that trim their input would otherwise report back changed.
func NoSurroundingSpace() validator.String { return noSurroundingSpace{} }

type noSurroundingSpace struct{}

func (noSurroundingSpace) Description(context.Context) string {
	return "must not start or end with white space"
}

func (v noSurroundingSpace) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (noSurroundingSpace) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if value := req.ConfigValue.ValueString(); value != strings.TrimSpace(value) {
		resp.Diagnostics.AddAttributeError(req.Path, "Surrounding white space", fmt.Sprintf("%s must not start or end with white space (the API trims it), got %q", req.Path, value))
	}
}

// EmailPattern is a plausible email address (local@domain.tld).
var EmailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// Email validates an email address at plan time.
func Email() validator.String {
	return stringvalidator.RegexMatches(EmailPattern, "must be an email address such as jane@example.com")
}
