package synerise

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tenantops/terraform-provider-tenant/internal/client/synerise"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// ipAllowlistFields maps the API's field names to attributes.
var ipAllowlistFields = fwkit.FieldPaths{
	"enabled": path.Root("enabled"), "enableSupportSubnets": path.Root("enable_support_subnets"), "ipPolicy": path.Root("ip_policy"),
}

// IPAllowlistResource manages the IP allowlist of the current workspace.
type IPAllowlistResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*IPAllowlistResource)(nil)
	_ resource.ResourceWithImportState = (*IPAllowlistResource)(nil)
)

// NewIPAllowlistResource returns the tenant_synerise_ip_allowlist resource.
func NewIPAllowlistResource() resource.Resource {
	return &IPAllowlistResource{fwkit.ResourceBase{TypeSuffix: "synerise_ip_allowlist"}}
}

// Schema describes the IP allowlist.
func (r *IPAllowlistResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The IP allowlist (IP policy) of the Synerise workspace the provider is authenticated to: the workspace of the API key, " +
			"or the one selected with `workspace_uuid` after a user login. Every workspace has exactly one policy, off and empty until it is set: " +
			"create adopts it and replaces it with the configuration, and every apply sends the whole policy. Works in both authentication modes.\n\n" +
			"Make sure `ip_policy` keeps the addresses your users and your pipelines use before you set `enabled = true`.\n\n" +
			"**Destroy.** The policy cannot be deleted: destroy turns it off and empties it (`enabled = false`, " +
			"`enable_support_subnets = false`, `ip_policy = []`), which lifts the IP restriction of the workspace.\n\n" +
			"**Import** by workspace UUID, which must be the provider's current workspace.",
		Attributes: map[string]schema.Attribute{
			"id":             computed("Same as `workspace_uuid`."),
			"workspace_uuid": computed("UUID of the workspace the policy belongs to: the provider's current workspace."),
			"enabled": schema.BoolAttribute{
				Required:            true,
				MarkdownDescription: "Whether access to the workspace is restricted to the addresses of `ip_policy`.",
			},
			"enable_support_subnets": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether Synerise support's networks are allowed as well. Defaults to `false`.",
			},
			"ip_policy": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Default: setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Allowed IPv4 and IPv6 addresses (`203.0.113.7`, `2001:db8::1`) and CIDR blocks (`10.0.0.0/8`, `2001:db8::/32`). " +
					"Order does not matter; leaving it out means none. Each entry is checked at plan time and must be written in canonical form " +
					"(lowercase, shortest IPv6 form, no host bits set in a block: `10.0.0.0/8`, not `10.0.0.1/8`), so that the plan stays empty after apply.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(ipEntryValidator{})},
			},
		},
	}
}

// Create adopts the workspace's policy and replaces it with the plan.
func (r *IPAllowlistResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan ipAllowlistModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	r.write(ctx, plan, "Could not set the Synerise IP allowlist", &resp.State, &resp.Diagnostics)
}

// Read refreshes the policy. When the provider now points at another
// workspace, the allowlist in the state is dropped with a warning.
func (r *IPAllowlistResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ipAllowlistModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, uuid, diags := r.current(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if was := state.WorkspaceUUID.ValueString(); !strings.EqualFold(was, uuid) {
		tflog.Warn(ctx, "the provider's workspace changed, removing the IP allowlist from state", map[string]any{"was": was, "now": uuid})
		resp.Diagnostics.AddWarning("Synerise workspace changed",
			fmt.Sprintf("This IP allowlist belongs to workspace %s, but the provider is now authenticated to workspace %s. "+
				"It has been removed from the state (the policy of %s is left as it is); the next apply sets the policy of %s.", was, uuid, was, uuid))
		resp.State.RemoveResource(ctx)
		return
	}
	policy, err := api.GetIPPolicy(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the Synerise IP allowlist", err.Error())
		return
	}
	model, diags := flattenIPAllowlist(ctx, uuid, policy)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// Update replaces the whole policy with the plan.
func (r *IPAllowlistResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan ipAllowlistModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	r.write(ctx, plan, "Could not update the Synerise IP allowlist", &resp.State, &resp.Diagnostics)
}

// Delete turns the policy off and empties it: the API cannot delete it.
func (r *IPAllowlistResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ipAllowlistModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, uuid, diags := r.current(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if was := state.WorkspaceUUID.ValueString(); !strings.EqualFold(was, uuid) {
		resp.Diagnostics.AddError("Synerise workspace changed",
			fmt.Sprintf("This IP allowlist belongs to workspace %s, but the provider is authenticated to workspace %s, so it cannot reset it. "+
				"Point the provider at %s, or forget the allowlist with `terraform state rm`.", was, uuid, was))
		return
	}
	if _, err := api.SetIPPolicy(ctx, synerise.IPPolicy{}); err != nil {
		resp.Diagnostics.AddError("Could not turn off the Synerise IP allowlist", err.Error())
		return
	}
	fwkit.WarnNotDeleted(&resp.Diagnostics, fwkit.NotDeleted{
		Kind: "Synerise IP allowlist", Done: "turned off and emptied", Object: "the IP policy of workspace " + uuid,
		Why:     "every Synerise workspace has an IP policy, which the API cannot delete",
		Remains: "It remains at Synerise, off and empty (enabled = false, enable_support_subnets = false, ip_policy = []): the workspace's IP restriction is lifted.",
	})
}

// ImportState imports the policy by workspace UUID, which must be the
// provider's current workspace.
func (r *IPAllowlistResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	spec := fwkit.ImportID{
		Resource: r.TypeName(),
		Parts: []fwkit.ImportPart{{Attr: "workspace_uuid", Of: "the UUID of the provider's current workspace (not its name, subdomain or numeric id)",
			Shape: fwkit.ShapeUUID}},
		Find: "data.tenant_synerise_workspace gives the uuid of the provider's current workspace; " +
			"data.tenant_synerise_workspaces lists every workspace with its uuid, name and subdomain.",
		Example: "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c",
	}
	if _, err := spec.Parse(strings.TrimSpace(req.ID)); err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	_, uuid, diags := r.current(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if id := strings.TrimSpace(req.ID); !strings.EqualFold(id, uuid) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The import ID %q is not the provider's current workspace %q. The provider manages the IP allowlist of the workspace "+
				"it is authenticated to only (the API key's workspace, or workspace_uuid in the user mode): import it by that workspace's UUID, "+
				"or configure the provider for workspace %q.", req.ID, uuid, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), uuid)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("workspace_uuid"), uuid)...)
}

// write sends plan as the whole policy and records the answer in state.
func (r *IPAllowlistResource) write(ctx context.Context, plan ipAllowlistModel, summary string, state *tfsdk.State, diags *diag.Diagnostics) {
	api, uuid, d := r.current(ctx)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	in, d := expandIPAllowlist(ctx, plan)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	written, err := api.SetIPPolicy(ctx, in)
	if err != nil {
		fwkit.AddAPIError(diags, summary, err, ipAllowlistFields)
		return
	}
	model, d := flattenIPAllowlist(ctx, uuid, written)
	diags.Append(d...)
	diags.Append(state.Set(ctx, &model)...)
}

// current returns the client and the UUID of the provider's current workspace.
func (r *IPAllowlistResource) current(ctx context.Context) (*synerise.Client, string, diag.Diagnostics) {
	api, diags := client(r.Data)
	if diags.HasError() {
		return nil, "", diags
	}
	uuid, d := currentWorkspaceUUID(ctx, api)
	diags.Append(d...)
	return api, uuid, diags
}

// currentWorkspaceUUID returns the UUID of the workspace the token is scoped to.
func currentWorkspaceUUID(ctx context.Context, api *synerise.Client) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	uuid, err := api.CurrentWorkspaceUUID(ctx)
	if err != nil {
		diags.AddError("Could not read the current Synerise workspace", err.Error())
		return "", diags
	}
	if uuid == "" {
		diags.AddError("No Synerise workspace selected",
			"The IP allowlist belongs to a workspace, but the user logged in without selecting one: set workspace_uuid in the provider's "+
				"synerise block or the SYNERISE_WORKSPACE_UUID environment variable.")
		return "", diags
	}
	return uuid, diags
}
