package cryptr

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// TestOrganizationTimeoutsStateTheDefault: the organization's docs state
// the default create timeout that Create uses, defaultProvisioningTimeout,
// in timeouts.create and in the resource's description.
func TestOrganizationTimeoutsStateTheDefault(t *testing.T) {
	var resp resource.SchemaResponse
	NewOrganizationResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	want := "`" + fwkit.FormatDuration(defaultProvisioningTimeout) + "`"
	create := resp.Schema.Blocks["timeouts"].(schema.SingleNestedBlock).Attributes["create"].GetDescription()
	if !strings.HasSuffix(create, "Defaults to "+want+".") {
		t.Errorf("timeouts.create = %q, want it to end with \"Defaults to %s.\"", create, want)
	}
	if d := resp.Schema.MarkdownDescription; !strings.Contains(d, "`timeouts.create` (default "+want+")") {
		t.Errorf("the description does not give the default create timeout %s: %q", want, d)
	}
}
