package fwkit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

func TestAddAPIErrorNamesTheAttribute(t *testing.T) {
	apiErr := &httpclient.APIError{Service: "Cryptr", StatusCode: 422, FieldErrors: map[string][]string{"name": {"has already been taken"}}}
	var diags diag.Diagnostics
	AddAPIError(&diags, "Could not create", fmt.Errorf("wrapped: %w", apiErr), FieldPaths{"name": path.Root("name")})
	if len(diags) != 1 {
		t.Fatalf("want one diagnostic, got %v", diags)
	}
	withPath, ok := diags[0].(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(path.Root("name")) || !strings.Contains(diags[0].Detail(), "has already been taken") {
		t.Fatalf("want an attribute diagnostic on name, got %#v", diags[0])
	}

	diags = nil
	AddAPIError(&diags, "Could not create", apiErr, FieldPaths{"other": path.Root("other")})
	if _, attributed := diags[0].(diag.DiagnosticWithPath); attributed || !strings.Contains(diags[0].Detail(), "422") {
		t.Fatalf("an unmapped field gives a general diagnostic with the API error, got %#v", diags[0])
	}
}

func TestClientOf(t *testing.T) {
	if _, diags := ClientOf[*strings.Builder](nil); !diags.HasError() {
		t.Fatal("nil lazy client must be an error")
	}
	builds := 0
	lazy := NewLazyClient("Cryptr", func() (any, error) { builds++; return &strings.Builder{}, nil })
	for range 3 {
		if _, diags := ClientOf[*strings.Builder](lazy); diags.HasError() {
			t.Fatal(diags)
		}
	}
	if builds != 1 {
		t.Fatalf("the client must be built once, got %d", builds)
	}
	if _, diags := ClientOf[*strings.Reader](lazy); !diags.HasError() {
		t.Fatal("a wrong type must be an error")
	}
	missing := NewLazyClient("Cyrisma", func() (any, error) { return nil, errors.New("cyrisma.api_key is not set") })
	_, diags := ClientOf[*strings.Builder](missing)
	if !diags.HasError() || diags[0].Summary() != "Cyrisma is not configured" || !strings.Contains(diags[0].Detail(), "cyrisma.api_key") {
		t.Fatalf("got %v", diags)
	}
}

func TestIgnoreGoneAndWaitError(t *testing.T) {
	if IgnoreGone(httpclient.NotFoundError("org %q", "x")) != nil || IgnoreGone(&httpclient.APIError{StatusCode: 404}) != nil {
		t.Fatal("gone objects must not fail a delete")
	}
	if IgnoreGone(&httpclient.APIError{StatusCode: 500}) == nil {
		t.Fatal("other errors must be kept")
	}
	msg := WaitError("Provisioning of x", time.Minute, fmt.Errorf("gave up: %w", context.DeadlineExceeded))
	if !strings.Contains(msg, "1m0s") || !strings.Contains(msg, "timeouts") {
		t.Fatalf("a timeout must say how to give more time: %s", msg)
	}
}

func TestIgnoreCase(t *testing.T) {
	for _, tt := range []struct{ state, plan, want string }{
		{"IT@acme.com", "it@acme.com", "IT@acme.com"},
		{"it@acme.com", "ops@acme.com", "ops@acme.com"},
		{"it@acme.com", "it@acme.com", "it@acme.com"},
	} {
		req := planmodifier.StringRequest{StateValue: types.StringValue(tt.state), PlanValue: types.StringValue(tt.plan)}
		resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
		IgnoreCase().PlanModifyString(context.Background(), req, resp)
		if got := resp.PlanValue.ValueString(); got != tt.want {
			t.Errorf("state %q, plan %q: planned %q, want %q", tt.state, tt.plan, got, tt.want)
		}
	}
}
