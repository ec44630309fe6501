package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// DirectorySyncResource manages the SCIM directory sync of an organization
// in the provider's environment.
type DirectorySyncResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*DirectorySyncResource)(nil)
	_ resource.ResourceWithImportState = (*DirectorySyncResource)(nil)
)

// NewDirectorySyncResource returns the tenant_cryptr_directory_sync resource.
func NewDirectorySyncResource() resource.Resource {
	return &DirectorySyncResource{fwkit.ResourceBase{TypeSuffix: "cryptr_directory_sync"}}
}

// Schema describes the directory sync.
func (r *DirectorySyncResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The SCIM directory sync of a Cryptr organization, which lets the customer's identity provider push user and group changes. " +
			"There is one per organization and environment; the environment is the one of the provider's API key (`environment`): use a provider alias " +
			"configured with a production key for production.\n\n" +
			"**SCIM token.** Cryptr shows the SCIM bearer token (`scim_token`) once, in the answer to the creation; afterwards it answers `hidden`. " +
			"The resource keeps the token from that answer in the state (sensitive) through every later refresh. After `terraform import` the token " +
			"cannot be read, so `scim_token` is null. To get a new token, set `token_rotation` to a new value (any string, such as a date): " +
			"the next apply calls Cryptr's reset endpoint (`POST /api/v2/org/{domain}/directory-sync/reset-token`), which invalidates the old token, " +
			"and stores the new one. If the token is reset outside Terraform (in the Cryptr console), the state keeps the old, invalid value " +
			"until `token_rotation` changes.\n\n" +
			"**Existing directory sync.** Creating one for an organization and environment that already has one (active or not) fails with a " +
			"409 conflict; the error explains how to import it instead.\n\n" +
			"**Destroy.** The Cryptr API cannot delete a directory sync: destroy deactivates it (`active = false`) and removes it from the state. " +
			"It stays in Cryptr, deactivated, with its token; to manage it again later, import it (and rotate the token if it was lost).",
		Attributes: map[string]schema.Attribute{
			"id":                  fwkit.ComputedString("Identifier of the directory sync (a UUID)."),
			"organization_domain": connOrgDomainAttribute("directory sync"),
			"environment":         fwkit.ComputedString("Environment the directory sync lives in (`sandbox` or `production`): the one of the provider's API key."),
			"active": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the directory sync accepts SCIM requests. Defaults to `true`, as in Cryptr.",
			},
			"token_rotation": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Any non-empty value. When it changes to a new value, the next apply resets the SCIM token and stores the new one " +
					"in `scim_token`. Removing it does not reset the token. It is not sent to Cryptr.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"scim_token": schema.StringAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: "The SCIM bearer token, to configure in the identity provider. Known only from the creation or the last " +
					"rotation made by Terraform; null after an import.",
				PlanModifiers: []planmodifier.String{dirSyncTokenPlanModifier{}},
			},
			"provider_type": fwkit.ComputedString("Identity provider that uses the directory sync, as Cryptr reports it (null until one is connected)."),
			"inserted_at":   fwkit.ComputedString("Creation time (UTC)."),
			"updated_at":    schema.StringAttribute{Computed: true, MarkdownDescription: "Time of the last change (UTC)."},
		},
	}
}

// dirSyncTokenPlanModifier keeps the SCIM token from the state, unless the
// plan rotates it (then the new value is known after apply).
type dirSyncTokenPlanModifier struct{}

func (dirSyncTokenPlanModifier) Description(context.Context) string {
	return "Keeps the token from the state unless token_rotation changes."
}

func (m dirSyncTokenPlanModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (dirSyncTokenPlanModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return // create (unknown until the API answers) or destroy
	}
	var plan, state types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("token_rotation"), &plan)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("token_rotation"), &state)...)
	if dirSyncRotates(plan, state) {
		return
	}
	resp.PlanValue = req.StateValue
}

// Create creates the directory sync and keeps its SCIM token.
func (r *DirectorySyncResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan directorySyncModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := plan.OrganizationDomain.ValueString()
	created, err := api.CreateDirectorySync(ctx, domain)
	// Cryptr allows one directory sync per organization and environment and
	// cannot delete them (one deactivated by a destroy still counts).
	if fwkit.HandleExisting(ctx, r, &r.ResourceBase, err, func(*cryptr.DirectorySync) string { return domain }, req, resp) {
		if !resp.Diagnostics.HasError() {
			// Adopted: its SCIM token cannot be read, so give it a new one.
			r.resetAdoptedToken(ctx, api, resp)
		} else {
			resp.Diagnostics.AddAttributeWarning(path.Root("organization_domain"), "The SCIM token of an imported directory sync cannot be read",
				"Once imported, set token_rotation to get a new SCIM token.")
		}
		return
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not create the Cryptr directory sync", err, nil)
		return
	}
	// Save the token at once: it is never shown again.
	wantActive := plan.Active
	plan.directorySyncDataModel = flattenDirectorySync(domain, created)
	plan.SCIMToken = types.StringValue(created.Token())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() || created.Active == wantActive.ValueBool() {
		return
	}
	plan.Active = wantActive
	r.setActive(ctx, api, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// resetAdoptedToken gives an adopted directory sync a new SCIM token (the
// one issued at its creation was lost with the run that made it).
func (r *DirectorySyncResource) resetAdoptedToken(ctx context.Context, api *cryptr.Client, resp *resource.CreateResponse) {
	var state directorySyncModel
	resp.Diagnostics.Append(resp.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := state.OrganizationDomain.ValueString()
	reset, err := api.ResetDirectorySyncToken(ctx, domain)
	if err != nil {
		resp.Diagnostics.AddError("Could not reset the SCIM token of the adopted Cryptr directory sync", err.Error())
		return
	}
	state.directorySyncDataModel = flattenDirectorySync(domain, reset)
	state.SCIMToken = types.StringValue(reset.Token())
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Read refreshes the directory sync, keeping the SCIM token from the state.
func (r *DirectorySyncResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state directorySyncModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := state.OrganizationDomain.ValueString()
	d, err := api.GetDirectorySync(ctx, domain)
	if err != nil {
		if !fwkit.RemoveIfGone(ctx, err, connGone("directory sync", domain), resp) {
			resp.Diagnostics.AddError("Could not read the Cryptr directory sync", err.Error())
		}
		return
	}
	state.directorySyncDataModel = flattenDirectorySync(domain, d)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update activates or deactivates the directory sync and rotates its token.
func (r *DirectorySyncResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state directorySyncModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := state.OrganizationDomain.ValueString()
	next := state
	next.TokenRotation = plan.TokenRotation
	if dirSyncRotates(plan.TokenRotation, state.TokenRotation) {
		reset, err := api.ResetDirectorySyncToken(ctx, domain)
		if err != nil {
			resp.Diagnostics.AddError("Could not reset the Cryptr directory sync token", err.Error())
			return
		}
		next.directorySyncDataModel = flattenDirectorySync(domain, reset)
		next.SCIMToken = types.StringValue(reset.Token())
		// Keep the new token even if the change of active below fails.
		resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	}
	if next.Active.ValueBool() != plan.Active.ValueBool() {
		next.Active = plan.Active
		r.setActive(ctx, api, &next, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

// setActive sets active to m.Active and records the answer in m.
func (r *DirectorySyncResource) setActive(ctx context.Context, api *cryptr.Client, m *directorySyncModel, diags *diag.Diagnostics) {
	domain := m.OrganizationDomain.ValueString()
	updated, err := api.UpdateDirectorySync(ctx, domain, m.Active.ValueBool())
	if err != nil {
		diags.AddError("Could not update the Cryptr directory sync", err.Error())
		return
	}
	m.directorySyncDataModel = flattenDirectorySync(domain, updated)
}

// Delete deactivates the directory sync: the API cannot delete it.
func (r *DirectorySyncResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state directorySyncModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := state.OrganizationDomain.ValueString()
	_, err := api.UpdateDirectorySync(ctx, domain, false)
	if err == nil {
		fwkit.WarnNotDeleted(&resp.Diagnostics, fwkit.NotDeleted{
			Kind: "Cryptr directory sync", Done: "deactivated", Object: `the directory sync of organization "` + domain + `"`,
			Why: "the Cryptr API has no call to delete a directory sync",
			Remains: "It remains at Cryptr, deactivated (active = false), with its SCIM token. To manage it again, import it by organization domain " +
				"(creating it again fails with a conflict).",
		})
	}
	if err := fwkit.IgnoreGone(err); err != nil {
		resp.Diagnostics.AddError("Could not deactivate the Cryptr directory sync", err.Error())
	}
}

// ImportState imports the directory sync of an organization (in the
// provider's environment) by the organization's domain.
func (r *DirectorySyncResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, importByOrgDomain(r.TypeName()))
}
