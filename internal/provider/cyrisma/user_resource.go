package cyrisma

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// organizationType is the instance_type of the instances that hold users.
const organizationType = "organization"

// UserResource manages a Cyrisma portal user of an organization.
type UserResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*UserResource)(nil)
	_ resource.ResourceWithImportState = (*UserResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*UserResource)(nil)
)

// NewUserResource returns the tenant_cyrisma_user resource.
func NewUserResource() resource.Resource {
	return &UserResource{fwkit.ResourceBase{TypeSuffix: "cyrisma_user"}}
}

// Schema describes the user.
func (r *UserResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	argument := func(description string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			Required: true, MarkdownDescription: description + " Cyrisma cannot change a user: a change replaces the user.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    append(validators, fwkit.NoSurroundingSpace()),
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Cyrisma portal user. Users belong to an organization instance (an MSP or a sub-organization), sign in once " +
			"through the MSP portal with their email address, and reach every instance under that organization. Cyrisma emails no password: " +
			"the user sets one through the self-service password reset.\n\n" +
			"The API has no update call, so changing any argument replaces the user.\n\n" +
			"**Destroy disables the user**: the Cyrisma API has no delete call for users. A disabled user stays in Cyrisma (and in " +
			"`tenant_cyrisma_users`) with `enabled = false` and can no longer sign in; a user already disabled counts as destroyed.\n\n" +
			"A user disabled outside Terraform shows in the next plan: `enabled` goes from `false` back to `true`, which forces a " +
			"replacement, since the API cannot enable a user again. Applying that plan creates a new, enabled user (with a new `id`) " +
			"and disables the old one, if it is not already.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "User ID.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"instance_id": argument("ID of the organization instance the user belongs to. It must be an organization (`instance_type = \"organization\"`), "+
				"not a customer (`standard`) instance; when the ID is known at plan time, the plan checks it.", stringvalidator.LengthAtLeast(1)),
			"username": argument("Username: the email address the user signs in with.",
				fwkit.Email()),
			"first_name": argument("First name.", stringvalidator.LengthAtLeast(1)),
			"last_name":  argument("Last name.", stringvalidator.LengthAtLeast(1)),
			"enabled": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "Whether the user can sign in. Always `true` after an apply; `false` in the state means the user was " +
					"disabled outside Terraform, and the plan then replaces the user (there is no enable call).",
				PlanModifiers: []planmodifier.Bool{enabledAgain()},
			},
		},
	}
}

// ModifyPlan checks, when a user is to be created under a known instance,
// that the instance exists and is an organization: Cyrisma refuses users
// of customer instances, and this reports it before anything is applied.
func (r *UserResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.ResourceBase.ModifyPlan(ctx, req, resp); resp.Diagnostics.HasError() {
		return
	}
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var instanceID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("instance_id"), &instanceID)...)
	if resp.Diagnostics.HasError() || instanceID.IsNull() || instanceID.IsUnknown() {
		return
	}
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := instanceID.ValueString()
	inst, err := api.GetInstance(ctx, id)
	switch {
	case httpclient.IsNotFound(err):
		resp.Diagnostics.AddAttributeError(path.Root("instance_id"), "Cyrisma instance not found",
			fmt.Sprintf("Instance %s does not exist (or Cyrisma is still provisioning it). Users must be added to an existing organization instance.", id))
	case err != nil:
		resp.Diagnostics.AddError("Could not read the instance of the Cyrisma user", err.Error())
	case inst.InstanceType != organizationType:
		resp.Diagnostics.AddAttributeError(path.Root("instance_id"), "Cyrisma users belong to organizations",
			fmt.Sprintf("Instance %s (%s) is a %q instance; Cyrisma adds users only to organization instances, and a user of an organization reaches every instance under it. Use the ID of an organization, such as this instance's parent %s.",
				id, inst.Name, inst.InstanceType, inst.ParentID))
	}
}

// Create adds the user; the answer holds every attribute.
func (r *UserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := api.CreateUser(ctx, plan.createInput())
	if fwkit.HandleExisting(ctx, r, &r.ResourceBase, err, func(u *cyrisma.User) string { return u.ID }, req, resp) {
		return
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not create the Cyrisma user", err, userFields)
		return
	}
	state := userModelOf(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Read refreshes the user; a disabled one stays, with enabled = false, and
// an unknown one is removed from the state.
func (r *UserResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	u, err := api.GetUser(ctx, id)
	if err != nil {
		if !fwkit.RemoveIfGone(ctx, err, fmt.Sprintf("Cyrisma user %s", id), resp) {
			resp.Diagnostics.AddError("Could not read the Cyrisma user", err.Error())
		}
		return
	}
	state = userModelOf(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update is never planned: every argument, and enabled, requires a
// replacement.
func (r *UserResource) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Cyrisma users cannot be updated",
		"The Cyrisma API has no call to change a user, so every change should have been planned as a replacement. This is a bug in the provider; please report it.")
}

// Delete disables the user: the API has no delete. A user that is already
// disabled, or unknown, counts as destroyed.
func (r *UserResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	u, err := api.GetUser(ctx, id)
	if err != nil {
		if err = fwkit.IgnoreGone(err); err != nil {
			resp.Diagnostics.AddError("Could not read the Cyrisma user before disabling it", err.Error())
		}
		return
	}
	notDeleted := fwkit.NotDeleted{
		Kind: "Cyrisma user", Done: "disabled", Object: fmt.Sprintf("user %s (%s)", state.Username.ValueString(), id),
		Why: "the Cyrisma API has no call to delete a user",
		Remains: "It remains at Cyrisma, disabled (enabled = false): it can no longer sign in, and still appears in tenant_cyrisma_users. " +
			"The API cannot enable it again: applying the resource again creates a new user.",
	}
	if !u.IsEnabled() {
		notDeleted.Done = "left disabled"
		fwkit.WarnNotDeleted(&resp.Diagnostics, notDeleted)
		return
	}
	err = api.DisableUser(ctx, id)
	if err == nil {
		fwkit.WarnNotDeleted(&resp.Diagnostics, notDeleted)
	}
	if err := fwkit.IgnoreGone(err); err != nil {
		resp.Diagnostics.AddError("Could not disable the Cyrisma user", err.Error())
	}
}

// AdoptedAsRead marks users as having nothing to change in place (the API
// cannot change one): a user adopted with adopt_existing is kept as read.
func (r *UserResource) AdoptedAsRead() {}

// ImportState imports a user by its ID.
func (r *UserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, fwkit.ImportID{
		Resource: r.TypeName(),
		Parts:    []fwkit.ImportPart{{Attr: "id", Of: "the user's ID (not the username)", Shape: fwkit.ShapeOpaqueID}},
		Find:     "data.tenant_cyrisma_users lists the users with their id and username.",
		Example:  "3f2a9c1e-7b4d-4e8a-9c6f-2d1b0a9e8f7c",
	})
}
