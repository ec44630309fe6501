package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tenantops/terraform-provider-tenant/internal/provider"
)

// importState runs r's ImportState with id on an empty state.
func importState(t *testing.T, r resource.Resource, id string) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	var s resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &s)
	resp := &resource.ImportStateResponse{State: tfsdk.State{Schema: s.Schema, Raw: tftypes.NewValue(s.Schema.Type().TerraformType(ctx), nil)}}
	r.(resource.ResourceWithImportState).ImportState(ctx, resource.ImportStateRequest{ID: id}, resp)
	return resp.Diagnostics
}

// invalidImportID returns the detail of the "Invalid import ID" error
// among diags, or "".
func invalidImportID(diags diag.Diagnostics) string {
	for _, d := range diags {
		if d.Severity() == diag.SeverityError && d.Summary() == "Invalid import ID" {
			return d.Detail()
		}
	}
	return ""
}

// TestEveryImportStateChecksTheIDShape: every resource's ImportState
// accepts the ID of its documented example (examples/resources/<type>/
// import-by-string-id.tf) and the example its own error gives, and refuses
// an organization name with a message that says what the ID must be, what
// was given, which data source lists the right values and how to run
// `terraform import`.
func TestEveryImportStateChecksTheIDShape(t *testing.T) {
	ctx := context.Background()
	p := provider.New("test")()
	idLine := regexp.MustCompile(`(?m)^\s*id\s*=\s*"([^"]+)"`)
	example := regexp.MustCompile(`For example: terraform import (\S+)\.<name> (\S+)$`)
	checked := 0
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "tenant"}, &m)
		if _, ok := r.(resource.ResourceWithImportState); !ok {
			t.Errorf("%s cannot be imported", m.TypeName)
			continue
		}
		checked++

		hcl, err := os.ReadFile(filepath.Join("..", "..", "examples", "resources", m.TypeName, "import-by-string-id.tf"))
		if err != nil {
			t.Errorf("%s: %v", m.TypeName, err)
			continue
		}
		documented := idLine.FindSubmatch(hcl)
		if documented == nil {
			t.Errorf("%s: no id in import-by-string-id.tf", m.TypeName)
			continue
		}
		if detail := invalidImportID(importState(t, r, string(documented[1]))); detail != "" {
			t.Errorf("%s refuses its documented import ID %q:\n%s", m.TypeName, documented[1], detail)
		}

		const name = "Globex Corporation"
		detail := invalidImportID(importState(t, r, name))
		if detail == "" {
			t.Errorf("%s accepts the import ID %q", m.TypeName, name)
			continue
		}
		for _, want := range []string{`The import ID "Globex Corporation" does not have the expected format`, "looks like a name", "Expected: ", "Where to find it: data.tenant_"} {
			if !strings.Contains(detail, want) {
				t.Errorf("%s: the import error lacks %q:\n%s", m.TypeName, want, detail)
			}
		}
		got := example.FindStringSubmatch(detail)
		if got == nil || got[1] != m.TypeName {
			t.Errorf("%s: the import error gives no `terraform import %s.<name> ...` example:\n%s", m.TypeName, m.TypeName, detail)
			continue
		}
		if detail := invalidImportID(importState(t, r, got[2])); detail != "" {
			t.Errorf("%s refuses the example of its own error, %q:\n%s", m.TypeName, got[2], detail)
		}
	}
	if checked < 13 {
		t.Errorf("checked %d resources, want every one of at least 13", checked)
	}
}
