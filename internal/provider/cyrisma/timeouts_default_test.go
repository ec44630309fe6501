package cyrisma

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// TestInstanceTimeoutsStateTheDefaults: the instance's docs state the
// default create and delete timeouts that Create and Delete use
// (defaultProvisioningTimeout, defaultDeleteTimeout), in the timeouts
// block, and the create one in the resource's description.
func TestInstanceTimeoutsStateTheDefaults(t *testing.T) {
	var resp resource.SchemaResponse
	(&InstanceResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	block := resp.Schema.Blocks["timeouts"].(schema.SingleNestedBlock)
	for name, def := range map[string]string{
		"create": fwkit.FormatDuration(defaultProvisioningTimeout),
		"delete": fwkit.FormatDuration(defaultDeleteTimeout),
	} {
		if got := block.Attributes[name].GetDescription(); !strings.HasSuffix(got, "Defaults to `"+def+"`.") {
			t.Errorf("timeouts.%s = %q, want it to end with \"Defaults to `%s`.\"", name, got, def)
		}
	}
	want := "`timeouts.create` (default `" + fwkit.FormatDuration(defaultProvisioningTimeout) + "`)"
	if d := resp.Schema.MarkdownDescription; !strings.Contains(d, want) {
		t.Errorf("the description does not give the default create timeout (%s): %q", want, d)
	}
}
