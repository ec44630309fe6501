package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// AdminResource manages an admin of a Cryptr organization.
type AdminResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*AdminResource)(nil)
	_ resource.ResourceWithImportState = (*AdminResource)(nil)
)

// NewAdminResource returns the tenant_cryptr_admin resource.
func NewAdminResource() resource.Resource {
	return &AdminResource{fwkit.ResourceBase{TypeSuffix: "cryptr_admin"}}
}

// peopleDomainAttribute is the organization_domain argument of admins and users.
func peopleDomainAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "Domain of the organization the " + what + " belongs to (`tenant_cryptr_organization.<name>.domain`). Changing it replaces the " + what + ".",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:          []validator.String{connDomainValidator()},
	}
}

// peopleEmailValidators check an email address at plan time.
func peopleEmailValidators() []validator.String {
	return []validator.String{
		fwkit.NoSurroundingSpace(),
		fwkit.Email(),
	}
}

// Schema describes the admin.
func (r *AdminResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computed := func(description string, keep bool) schema.StringAttribute {
		a := schema.StringAttribute{Computed: true, MarkdownDescription: description}
		if keep {
			a.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
		}
		return a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An admin of a Cryptr organization: the customer's IT person, invited by email to onboard the organization " +
			"(set up SSO and directory sync). Creating the resource sends the invitation; Cryptr emails an invitation link with a long lifetime. " +
			"Admins belong to the organization, not to an environment. The API cannot change an admin, so changing `email` or " +
			"`organization_domain` replaces it (the old admin is deleted, a new invitation is sent). Destroy deletes the admin. " +
			"Import with `<organization_domain>/<email>`.",
		Attributes: map[string]schema.Attribute{
			"id":                  computed("Identifier (UUID) Cryptr gave the admin.", true),
			"organization_domain": peopleDomainAttribute("admin"),
			"email": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Email address the invitation is sent to. Changing it replaces the admin; a change of letter case only is not a change.",
				PlanModifiers:       []planmodifier.String{fwkit.IgnoreCase(), stringplanmodifier.RequiresReplace()},
				Validators:          peopleEmailValidators(),
			},
			"color":                       computed("Color of the admin's logo in the Cryptr dashboard.", true),
			"invited_at":                  computed("When the invitation was sent (the creation time, UTC).", true),
			"accepted_invitation_at":      computed("When the admin accepted the invitation (UTC); null until then.", false),
			"declined_to_be_in_charge_at": computed("When the admin declined to be in charge (UTC); null unless they did.", false),
			"last_login_at":               computed("When the admin last logged in (UTC); null if never.", false),
			"inserted_at":                 computed("Creation time (UTC).", true),
			"updated_at":                  computed("Time of the last change (UTC).", false),
		},
	}
}

// Create invites the admin.
func (r *AdminResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan adminModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := plan.OrganizationDomain.ValueString()
	a, err := api.CreateAdmin(ctx, domain, plan.Email.ValueString())
	if fwkit.HandleExisting(ctx, r, &r.ResourceBase, err, func(a *cryptr.Admin) string { return domain + "/" + a.Email }, req, resp) {
		return
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not create the Cryptr admin", err, adminFields)
		return
	}
	state := flattenAdmin(a, domain, plan.Email)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Read refreshes the admin; one deleted outside Terraform is removed from the state.
func (r *AdminResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state adminModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain, email := state.OrganizationDomain.ValueString(), state.Email.ValueString()
	a, err := api.GetAdmin(ctx, domain, email)
	if err != nil {
		if !fwkit.RemoveIfGone(ctx, err, fmt.Sprintf("Cryptr admin %q of organization %q", email, domain), resp) {
			resp.Diagnostics.AddError("Could not read the Cryptr admin", err.Error())
		}
		return
	}
	state = flattenAdmin(a, domain, state.Email)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update is never called: every argument replaces the admin.
func (r *AdminResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan adminModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete deletes the admin; one already gone counts as deleted.
func (r *AdminResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state adminModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := fwkit.IgnoreGone(api.DeleteAdmin(ctx, state.OrganizationDomain.ValueString(), state.Email.ValueString())); err != nil {
		resp.Diagnostics.AddError("Could not delete the Cryptr admin", err.Error())
	}
}

// AdoptedAsRead marks admins as having nothing to change in place: an
// admin adopted with adopt_existing is kept as read.
func (r *AdminResource) AdoptedAsRead() {}

// ImportState imports an admin by "<organization_domain>/<email>".
func (r *AdminResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, fwkit.ImportID{
		Resource: r.TypeName(),
		Parts: []fwkit.ImportPart{
			importDomainPart("organization_domain", "the domain of the admin's organization"),
			{Attr: "email", Of: "the admin's email", Shape: fwkit.ShapeEmail},
		},
		Find:    `data.tenant_cryptr_admins (organization_domain = "acme-industries") lists the admins of an organization with their email; ` + findOrgDomain,
		Example: "acme-industries/it@acme.com",
	})
}
