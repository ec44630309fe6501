package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/provider"
)

// timeoutDefault finds the default a timeouts attribute's description states.
var timeoutDefault = regexp.MustCompile("Defaults to `([0-9hms]+)`\\.")

// TestTimeoutsDocumentTheirDefaults: every resource with a timeouts block
// (there must be some) states the default of each of its timeouts in the
// attribute's description, as a duration that parses, and its generated page
// (docs/resources, by make docs) shows that description: the docs are up
// to date with the defaults the code uses.
func TestTimeoutsDocumentTheirDefaults(t *testing.T) {
	ctx := context.Background()
	_, here, _, _ := runtime.Caller(0)
	docs := filepath.Join(filepath.Dir(here), "..", "..", "docs", "resources")
	p := provider.New("test")()
	found := 0
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "tenant"}, &m)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		block, ok := s.Schema.Blocks["timeouts"]
		if !ok {
			continue
		}
		nested, ok := block.(schema.SingleNestedBlock)
		if !ok {
			t.Errorf("%s: the timeouts block is a %T, want the schema.SingleNestedBlock of timeouts.Block", m.TypeName, block)
			continue
		}
		page, err := os.ReadFile(filepath.Join(docs, strings.TrimPrefix(m.TypeName, "tenant_")+".md"))
		if err != nil {
			t.Errorf("%s: %v", m.TypeName, err)
			continue
		}
		for name, attr := range nested.Attributes {
			found++
			description := attr.GetMarkdownDescription()
			if description == "" {
				description = attr.GetDescription()
			}
			match := timeoutDefault.FindStringSubmatch(description)
			if match == nil {
				t.Errorf("%s: timeouts.%s does not state its default (\"Defaults to `10m`.\"): %q", m.TypeName, name, description)
				continue
			}
			if d, err := time.ParseDuration(match[1]); err != nil || d <= 0 {
				t.Errorf("%s: timeouts.%s states the default %q, not a positive duration: %v", m.TypeName, name, match[1], err)
			}
			if line := "- `" + name + "` (String) " + description + "\n"; !strings.Contains(string(page), line) {
				t.Errorf("%s: docs/resources/%s.md lacks %q: run make docs", m.TypeName, strings.TrimPrefix(m.TypeName, "tenant_"), line)
			}
		}
	}
	if found < 3 {
		t.Errorf("found %d timeouts, want at least 3 (organization create, instance create and delete)", found)
	}
}
