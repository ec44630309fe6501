package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// UserResource manages an end user of a Cryptr organization.
type UserResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*UserResource)(nil)
	_ resource.ResourceWithImportState = (*UserResource)(nil)
)

// NewUserResource returns the tenant_cryptr_user resource.
func NewUserResource() resource.Resource {
	return &UserResource{fwkit.ResourceBase{TypeSuffix: "cryptr_user"}}
}

// Schema describes the user.
func (r *UserResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An end user of a Cryptr organization, with their profile, postal address and metadata. " +
			"Users live in the environment of the provider's API key (`environment`): configure the provider with a production " +
			"key to manage production users. Email, phone number, profile and address change in place; changing " +
			"`organization_domain` replaces the user. Destroy deletes the user. Import with `<organization_domain>/<id>`.",
		Attributes: userResourceAttributes(),
	}
}

// Create creates the user, then sets its metadata key by key.
func (r *UserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := plan.OrganizationDomain.ValueString()
	u, err := api.CreateUser(ctx, domain, expandUser(plan))
	if fwkit.HandleExisting(ctx, r, &r.ResourceBase, err, func(u *cryptr.User) string { return domain + "/" + u.ID }, req, resp) {
		return
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not create the Cryptr user", err, userFields)
		return
	}
	// Record the user at once: if a metadata call fails, it stays in the
	// state (tainted) instead of being orphaned.
	resp.Diagnostics.Append(r.save(ctx, u, domain, plan, &resp.State)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want, diags := expandMetadata(ctx, plan.Metadata)
	resp.Diagnostics.Append(diags...)
	r.syncMetadata(ctx, api, u, domain, want, plan, &resp.State, &resp.Diagnostics)
}

// save writes the state of user u as seen after a call.
func (r *UserResource) save(ctx context.Context, u *cryptr.User, domain string, prior userModel, state *tfsdk.State) diag.Diagnostics {
	model, diags := flattenUser(ctx, u, domain, &prior)
	diags.Append(state.Set(ctx, &model)...)
	return diags
}

// syncMetadata makes the metadata of u equal to want with add-metadata and
// remove-metadata calls, saving the state after each one.
func (r *UserResource) syncMetadata(ctx context.Context, api *cryptr.Client, u *cryptr.User, domain string, want map[string]string, prior userModel, state *tfsdk.State, diags *diag.Diagnostics) {
	set, remove := metadataChanges(u.Metadata, want)
	for _, key := range remove {
		next, err := api.RemoveUserMetadata(ctx, domain, u.ID, key)
		if err != nil {
			diags.AddAttributeError(path.Root("metadata").AtMapKey(key), "Could not remove the Cryptr user's metadata", err.Error())
			return
		}
		u = next
		diags.Append(r.save(ctx, u, domain, prior, state)...)
	}
	for _, kv := range set {
		next, err := api.AddUserMetadata(ctx, domain, u.ID, kv[0], kv[1])
		if err != nil {
			detail := err.Error()
			if httpclient.IsNotFound(err) {
				detail = fmt.Sprintf("The metadata key %q may not be declared as a user metakey in the Cryptr account "+
					"(Token > Create a User Metakey), or the user was deleted meanwhile.\n\n%s", kv[0], detail)
			}
			diags.AddAttributeError(path.Root("metadata").AtMapKey(kv[0]), "Could not set the Cryptr user's metadata", detail)
			return
		}
		u = next
		diags.Append(r.save(ctx, u, domain, prior, state)...)
	}
}

// Read refreshes the user; one deleted outside Terraform is removed from the state.
func (r *UserResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain, id := state.OrganizationDomain.ValueString(), state.ID.ValueString()
	u, err := api.GetUser(ctx, domain, id)
	if err != nil {
		if !fwkit.RemoveIfGone(ctx, err, fmt.Sprintf("Cryptr user %q of organization %q", id, domain), resp) {
			resp.Diagnostics.AddError("Could not read the Cryptr user", err.Error())
		}
		return
	}
	resp.Diagnostics.Append(r.save(ctx, u, domain, state, &resp.State)...)
}

// Update changes the user in place, then its metadata key by key.
func (r *UserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain, id := state.OrganizationDomain.ValueString(), state.ID.ValueString()
	var u *cryptr.User
	var err error
	if in := expandUser(plan); in != expandUser(state) {
		u, err = api.UpdateUser(ctx, domain, id, in)
	} else {
		u, err = api.GetUser(ctx, domain, id)
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not update the Cryptr user", err, userFields)
		return
	}
	resp.Diagnostics.Append(r.save(ctx, u, domain, plan, &resp.State)...)
	want, diags := expandMetadata(ctx, plan.Metadata)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.syncMetadata(ctx, api, u, domain, want, plan, &resp.State, &resp.Diagnostics)
}

// Delete deletes the user; one already gone counts as deleted.
func (r *UserResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := fwkit.IgnoreGone(api.DeleteUser(ctx, state.OrganizationDomain.ValueString(), state.ID.ValueString())); err != nil {
		resp.Diagnostics.AddError("Could not delete the Cryptr user", err.Error())
	}
}

// ImportState imports a user by "<organization_domain>/<id>".
func (r *UserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, fwkit.ImportID{
		Resource: r.TypeName(),
		Parts: []fwkit.ImportPart{
			importDomainPart("organization_domain", "the domain of the user's organization"),
			{Attr: "id", Of: "the user's id (not the email)", Shape: fwkit.ShapeUUID},
		},
		Find: `data.tenant_cryptr_users (organization_domain = "acme-industries") lists the users of an organization, ` +
			"in the environment of the provider's API key, with their id and email; " + findOrgDomain,
		Example: "acme-industries/d6a46443-c7bc-4259-aa5d-ce51cc548b57",
	})
}
