package fwkit

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// FieldPaths maps an API field name to the attribute that carries it, so an
// API error about a field becomes a diagnostic on that attribute.
type FieldPaths map[string]path.Path

// AddAPIError adds a diagnostic for err. When the API named fields that
// fields maps, each becomes an attribute diagnostic.
func AddAPIError(diags *diag.Diagnostics, summary string, err error, fields FieldPaths) {
	if apiErr, ok := httpclient.AsAPIError(err); ok {
		attributed := false
		for _, field := range apiErr.Fields() {
			if p, known := fields[field]; known {
				diags.AddAttributeError(p, summary, fmt.Sprintf("%s: %s", field, strings.Join(apiErr.FieldErrors[field], ", ")))
				attributed = true
			}
		}
		if attributed {
			return
		}
	}
	diags.AddError(summary, err.Error())
}

// RemoveIfGone handles an error from Read: when it says the object no longer
// exists, it removes the resource from state with a warning, so that the
// plan re-creates it, and returns true. Other errors are left to the caller.
func RemoveIfGone(ctx context.Context, err error, what string, resp *resource.ReadResponse) bool {
	if !httpclient.IsNotFound(err) {
		return false
	}
	tflog.Warn(ctx, "object no longer exists, removing it from state", map[string]any{"object": what})
	resp.Diagnostics.AddWarning(
		fmt.Sprintf("%s no longer exists", what),
		fmt.Sprintf("%s was not found (deleted outside Terraform?). It has been removed from the state; the next apply creates it again.", what),
	)
	resp.State.RemoveResource(ctx)
	return true
}

// IgnoreGone returns nil when err says the object is already gone, so that
// Delete succeeds, and err otherwise.
func IgnoreGone(err error) error {
	if httpclient.IsNotFound(err) {
		return nil
	}
	return err
}
