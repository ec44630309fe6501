package cryptr

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// defaultProvisioningTimeout bounds the wait for a new organization's environments.
const defaultProvisioningTimeout = 10 * time.Minute

// emailDomainPattern is a lowercase domain name such as example.com.
var emailDomainPattern = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$`)

// notBlank matches a string with at least one non-space character.
var notBlank = regexp.MustCompile(`\S`)

// organizationResourceModel is the resource's state: the organization and its timeouts.
type organizationResourceModel struct {
	organizationModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// OrganizationResource manages a Cryptr organization.
type OrganizationResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*OrganizationResource)(nil)
	_ resource.ResourceWithImportState = (*OrganizationResource)(nil)
)

// NewOrganizationResource returns the tenant_cryptr_organization resource.
func NewOrganizationResource() resource.Resource {
	return &OrganizationResource{fwkit.ResourceBase{TypeSuffix: "cryptr_organization"}}
}

// Schema describes the organization.
func (r *OrganizationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Cryptr organization: one B2B customer, with its own user directory and two environments (sandbox and production). " +
			"Cryptr derives the organization's `domain` from its name at creation; the domain never changes, even when the name does. " +
			"Creation waits until both environments are provisioned (`up`), bounded by `timeouts.create` (default `" + fwkit.FormatDuration(defaultProvisioningTimeout) + "`). Destroy deletes the organization.",
		Attributes: map[string]schema.Attribute{
			"id": fwkit.ComputedString("Same as `domain`."),
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the organization. It can change in place; the `domain` derived from the first name stays.",
				Validators:          []validator.String{stringvalidator.RegexMatches(notBlank, "must not be blank")},
			},
			"allowed_email_domains": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Email domains (such as `example.com`) whose users may log in to this organization. Order does not matter. Leaving it out means none.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(
					stringvalidator.RegexMatches(emailDomainPattern, "must be a lowercase domain name such as example.com"),
				)},
			},
			"domain": fwkit.ComputedString("Immutable identifier of the organization, derived by Cryptr from its name (lowercase, dashes)."),
			"environments": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The organization's environments and whether each is `up` or `down`.",
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":   schema.StringAttribute{Computed: true, MarkdownDescription: "`production` or `sandbox`."},
					"status": schema.StringAttribute{Computed: true, MarkdownDescription: "`up` or `down`."},
				}},
			},
			"status":      fwkit.ComputedString("Provisioning state reported by Cryptr (`pending` while provisioning, `terminated` once finished)."),
			"locale":      fwkit.ComputedString("Preferred locale of the organization."),
			"timezone":    fwkit.ComputedString("Preferred time zone of the organization."),
			"inserted_at": fwkit.ComputedString("Creation time (UTC)."),
			"updated_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "Time of the last change (UTC)."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{
				Create: true,
				CreateDescription: fwkit.TimeoutDescription("How long creation waits for both environments to be provisioned (`up`). "+
					"Past it the apply fails and the organization stays in the state, tainted: the next apply replaces it.", defaultProvisioningTimeout),
			}),
		},
	}
}

// Create creates the organization and waits until it is provisioned.
func (r *OrganizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan organizationResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := expandOrganization(ctx, plan.organizationModel)
	resp.Diagnostics.Append(diags...)
	createTimeout, diags := plan.Timeouts.Create(ctx, defaultProvisioningTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := api.CreateOrganization(ctx, in)
	if fwkit.HandleExisting(ctx, r, &r.ResourceBase, err, func(o *cryptr.Organization) string { return o.Domain }, req, resp) {
		return
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not create the Cryptr organization", err, organizationFields)
		return
	}
	// Save the new organization at once: if the wait fails, it stays in the
	// state (tainted) instead of being orphaned.
	r.setState(ctx, created.Domain, plan, resp)
	waitCtx, cancel := context.WithTimeout(ctx, createTimeout)
	defer cancel()
	org, err := api.WaitOrganizationProvisioned(waitCtx, created.Domain, fwkit.PollInterval)
	if err != nil {
		resp.Diagnostics.AddError("Cryptr organization not provisioned", fwkit.WaitError(fmt.Sprintf("Provisioning of organization %q", created.Domain), createTimeout, err))
		return
	}
	model, diags := flattenOrganization(ctx, org)
	resp.Diagnostics.Append(diags...)
	plan.organizationModel = model
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// setState records a just-created organization with what is known so far.
func (r *OrganizationResource) setState(ctx context.Context, domain string, plan organizationResourceModel, resp *resource.CreateResponse) {
	partial := plan
	partial.ID, partial.Domain = types.StringValue(domain), types.StringValue(domain)
	partial.Environments = types.ListNull(environmentType)
	for _, s := range []*types.String{&partial.Status, &partial.Locale, &partial.Timezone, &partial.InsertedAt, &partial.UpdatedAt} {
		*s = types.StringNull()
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &partial)...)
}

// Read refreshes the organization; a deleted one is removed from the state.
func (r *OrganizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state organizationResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	org, err := api.GetOrganization(ctx, state.Domain.ValueString())
	if err != nil {
		if !fwkit.RemoveIfGone(ctx, err, fmt.Sprintf("Cryptr organization %q", state.Domain.ValueString()), resp) {
			resp.Diagnostics.AddError("Could not read the Cryptr organization", err.Error())
		}
		return
	}
	model, diags := flattenOrganization(ctx, org)
	resp.Diagnostics.Append(diags...)
	state.organizationModel = model
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes the name and allowed email domains in place.
func (r *OrganizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state organizationResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := expandOrganization(ctx, plan.organizationModel)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	org, err := api.UpdateOrganization(ctx, state.Domain.ValueString(), in)
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not update the Cryptr organization", err, organizationFields)
		return
	}
	model, diags := flattenOrganization(ctx, org)
	resp.Diagnostics.Append(diags...)
	plan.organizationModel = model
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete deletes the organization; one already gone counts as deleted.
func (r *OrganizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state organizationResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := fwkit.IgnoreGone(api.DeleteOrganization(ctx, state.Domain.ValueString())); err != nil {
		resp.Diagnostics.AddError("Could not delete the Cryptr organization", err.Error())
	}
}

// ImportState imports an organization by its domain.
func (r *OrganizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	domain := importDomainPart("domain", "the organization's domain")
	domain.Also = []string{"id"}
	fwkit.ImportInto(ctx, req, resp, fwkit.ImportID{
		Resource: r.TypeName(), Parts: []fwkit.ImportPart{domain}, Find: findOrgDomain, Example: "acme-industries",
	})
}

// findOrgDomain says where to find an organization's domain, for the
// import errors of the Cryptr resources.
const findOrgDomain = "data.tenant_cryptr_organizations lists every organization with its name and domain " +
	"(a tenant_cryptr_organization exports it as domain)."

// importDomainPart is the organization-domain part of the import IDs of the
// Cryptr resources: given a name instead, it suggests the domain Cryptr
// derives from that name.
func importDomainPart(attr, of string) fwkit.ImportPart {
	return fwkit.ImportPart{Attr: attr, Of: of, Shape: fwkit.ShapeDomain.WithSuggestion(func(name string) string {
		if d := DomainOf(name); d != "" {
			return fmt.Sprintf("Did you mean %q? It is the domain Cryptr gives an organization created with the name %q.", d, name)
		}
		return ""
	})}
}

// importByOrgDomain is the import ID of the objects an organization has at
// most one of (its connections): the organization's domain.
func importByOrgDomain(resource string) fwkit.ImportID {
	return fwkit.ImportID{
		Resource: resource, Parts: []fwkit.ImportPart{importDomainPart("organization_domain", "the domain of the organization")},
		Find: findOrgDomain, Example: "acme-industries",
	}
}
