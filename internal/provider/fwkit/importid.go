package fwkit

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ParseImportID splits an import ID made of len(parts) non-empty values
// joined by "/", and names the expected format when it does not fit.
// ParseImportID("acme/jo@acme.com", "domain", "email") returns both values.
func ParseImportID(id string, parts ...string) ([]string, error) {
	values := strings.SplitN(id, "/", len(parts))
	if len(values) != len(parts) {
		return nil, importFormatError(id, parts)
	}
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			return nil, importFormatError(id, parts)
		}
	}
	return values, nil
}

func importFormatError(id string, parts []string) error {
	return fmt.Errorf("the import ID %q does not have the expected format %q", id, strings.Join(parts, "/"))
}

// ImportInto sets the attributes named by parts from an import ID (see
// ParseImportID) and adds a diagnostic naming the format when it is wrong.
func ImportInto(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, parts ...string) {
	values, err := ParseImportID(req.ID, parts...)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	for i, name := range parts {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), values[i])...)
	}
}
