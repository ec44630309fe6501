package fwkit

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// AdoptExistingSetting names the provider setting and its environment
// variable in messages.
const (
	AdoptExistingSetting = "adopt_existing"
	AdoptExistingEnv     = "TENANT_ADOPT_EXISTING"
)

// adoptable is what CreateFromExisting needs of a resource: its own Read,
// Update and ImportState, which adoption runs in turn.
type adoptable interface {
	resource.Resource
	resource.ResourceWithImportState
}

// AdoptedAsRead is implemented by resources that have nothing to change in
// place (every argument forces a replacement, like a Cryptr admin or a
// Cyrisma user): adoption keeps what Read found instead of running Update,
// and a difference from the configuration shows in the next plan.
type AdoptedAsRead interface {
	AdoptedAsRead()
}

// HandleExisting finishes a Create whose client call returned err: when err
// is an *httpclient.ExistsError holding a *T, it runs CreateFromExisting
// with importID of that object and returns true; otherwise it does nothing
// and returns false.
func HandleExisting[T any](ctx context.Context, r adoptable, base *ResourceBase, err error, importID func(*T) string, req resource.CreateRequest, resp *resource.CreateResponse) bool {
	existing, ok := httpclient.ExistingAs[T](err)
	if !ok {
		return false
	}
	exists, _ := httpclient.AsExists(err)
	CreateFromExisting(ctx, r, base.Data, base.TypeName(), importID(existing), exists, req, resp)
	return true
}

// CreateFromExisting finishes a Create whose object was found already there
// (exists: typically left behind by a killed run). When the provider's
// adopt_existing is off (the default), it adds an error that names the
// object and gives the import block and command that bring it under
// Terraform. When it is on, it takes the object over as `terraform import`
// would (r's ImportState with importID, then r's Read), applies the
// configuration to it with r's Update, stores the result as the created
// state and adds a warning saying so.
func CreateFromExisting(ctx context.Context, r adoptable, data *ProviderData, typeName, importID string, exists *httpclient.ExistsError, req resource.CreateRequest, resp *resource.CreateResponse) {
	what := fmt.Sprintf("%s %s", exists.Service, exists.Kind)
	if data == nil || !data.AdoptExisting {
		resp.Diagnostics.AddError(fmt.Sprintf("The %s already exists", what), existsDetail(typeName, importID, exists))
		return
	}
	empty := tfsdk.State{Schema: req.Plan.Schema, Raw: tftypes.NewValue(req.Plan.Raw.Type(), nil)}
	imported := &resource.ImportStateResponse{State: empty}
	r.ImportState(ctx, resource.ImportStateRequest{ID: importID}, imported)
	resp.Diagnostics.Append(imported.Diagnostics...)
	if resp.Diagnostics.HasError() {
		return
	}
	read := &resource.ReadResponse{State: imported.State}
	r.Read(ctx, resource.ReadRequest{State: imported.State, ProviderMeta: req.ProviderMeta}, read)
	resp.Diagnostics.Append(read.Diagnostics...)
	if resp.Diagnostics.HasError() {
		return
	}
	if read.State.Raw.IsNull() {
		resp.Diagnostics.AddError(fmt.Sprintf("The %s to adopt is gone", what),
			fmt.Sprintf("%s, but it could not be read back (import ID %q): it was probably deleted meanwhile. Apply again to create it.", capitalize(exists.Error()), importID))
		return
	}
	if _, asRead := r.(AdoptedAsRead); asRead {
		resp.State = read.State
		addAdoptedWarning(&resp.Diagnostics, exists, importID, "")
		return
	}
	updated := &resource.UpdateResponse{State: read.State}
	r.Update(ctx, resource.UpdateRequest{Plan: req.Plan, State: read.State, Config: req.Config, ProviderMeta: req.ProviderMeta}, updated)
	resp.Diagnostics.Append(updated.Diagnostics...)
	resp.State = updated.State
	if resp.Diagnostics.HasError() {
		return
	}
	addAdoptedWarning(&resp.Diagnostics, exists, importID, " and has applied the configuration to it")
}

// addAdoptedWarning says that an existing object was adopted; done tells
// what was done to it besides.
func addAdoptedWarning(diags *diag.Diagnostics, exists *httpclient.ExistsError, importID, done string) {
	diags.AddWarning(fmt.Sprintf("Adopted an existing %s %s", exists.Service, exists.Kind), fmt.Sprintf(
		"%s (import ID %q). Because %s is on, Terraform now manages it as if it had been imported%s. "+
			"Check that it is the object this configuration declares: adoption could take over an object someone made by hand.",
		capitalize(exists.Error()), importID, AdoptExistingSetting, done))
}

// existsDetail explains an object found already there and how to bring it
// under Terraform.
func existsDetail(typeName, importID string, exists *httpclient.ExistsError) string {
	address := typeName + ".<name>"
	var b strings.Builder
	fmt.Fprintf(&b, "%s, with import ID %q. ", capitalize(exists.Error()), importID)
	b.WriteString("It was probably created by an earlier apply that was interrupted (killed) before Terraform could record it, or it was made outside Terraform. " +
		"Terraform did not create a second one.\n\n")
	fmt.Fprintf(&b, "If it is the object this resource declares, import it: add this block, with <name> replaced by this resource's name "+
		"(the address shown with this error), and apply again:\n\nimport {\n  to = %s\n  id = %q\n}\n\n", address, importID)
	fmt.Fprintf(&b, "or run:\n\n  terraform import '%s' '%s'\n\n", address, importID)
	fmt.Fprintf(&b, "To take over every such object in one apply, set %s = true in the provider block (or %s=true) for that apply. "+
		"It is off by default because it could take over an object that someone else made by hand.", AdoptExistingSetting, AdoptExistingEnv)
	return b.String()
}

// capitalize upper-cases the first letter of an error text.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
