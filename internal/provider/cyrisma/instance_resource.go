package cyrisma

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// defaultProvisioningTimeout bounds the wait for a new instance; Cyrisma
// says provisioning "generally takes less than 5 minutes".
const defaultProvisioningTimeout = 15 * time.Minute

// InstanceResource manages a Cyrisma organization or customer instance.
type InstanceResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure      = (*InstanceResource)(nil)
	_ resource.ResourceWithImportState    = (*InstanceResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*InstanceResource)(nil)
	_ resource.ResourceWithValidateConfig = (*InstanceResource)(nil)
)

// NewInstanceResource returns the tenant_cyrisma_instance resource.
func NewInstanceResource() resource.Resource {
	return &InstanceResource{fwkit.ResourceBase{TypeSuffix: "cyrisma_instance"}}
}

// Schema describes the instance.
func (r *InstanceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	createOnly := func(description string, validators ...validator.String) schema.StringAttribute {
		validators = append(validators, fwkit.NoSurroundingSpace())
		return schema.StringAttribute{Required: true, MarkdownDescription: description + " Cyrisma cannot change it after provisioning: a change replaces the instance.", PlanModifiers: replace, Validators: validators}
	}
	unreported := func(description string, extra ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			Required: true, MarkdownDescription: description + " Cyrisma cannot change it after provisioning and does not report it back: a change replaces the instance, and after an import the configured value is recorded as is.",
			PlanModifiers: []planmodifier.String{fwkit.RequiresReplaceOnceKnown()},
			Validators:    append([]validator.String{stringvalidator.LengthAtLeast(1), fwkit.NoSurroundingSpace()}, extra...),
		}
	}
	optionalUnreported := func(description string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional: true, MarkdownDescription: description + " Optional; sent only when the instance is provisioned. Cyrisma cannot change it afterwards and does not report it back: a change replaces the instance, an import records the configured value without a replacement, and when unset it stays null.",
			PlanModifiers: []planmodifier.String{fwkit.RequiresReplaceOnceKnown()},
			Validators:    []validator.String{stringvalidator.LengthAtLeast(1), fwkit.NoSurroundingSpace()},
		}
	}
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Cyrisma instance: an organization (an MSP or a sub-organization) or a customer (`standard`) instance, with its lifecycle: trial or managed, suspended or active, and MFA method. " +
			"Provisioning is asynchronous; creation waits until the instance can be read, bounded by `timeouts.create` (default `" + fwkit.FormatDuration(defaultProvisioningTimeout) + "`).\n\n" +
			"**Destroy suspends the instance**: the Cyrisma API has no delete or decommission call. A suspended instance keeps running, is hidden from the structure listing, and blocks access to it and to everything under it; ask Cyrisma support to decommission it for good.",
		Attributes: map[string]schema.Attribute{
			"id":                 computed("Instance ID."),
			"parent_instance_id": createOnly("ID of the parent organization instance."),
			"instance_type": createOnly("`organization` (an MSP or sub-organization that holds instances and users) or `standard` (a customer instance).",
				stringvalidator.OneOf("organization", "standard")),
			"name":       createOnly("Name of the instance.", stringvalidator.LengthAtLeast(1)),
			"short_name": createOnly("Short name, shown at the top left of the Cyrisma UI and as the browser tab title.", stringvalidator.LengthAtLeast(1)),
			"country":    unreported("Country, which decides where the instance's data lives."),
			"email":      unreported("Email address associated with the instance.", fwkit.Email()),
			"tenant_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "ID of a pre-existing tenant of an MDR/XDR suite to associate the instance with. Sent only when the instance is provisioned; Cyrisma cannot change it afterwards: a change replaces the instance. " +
					"It is read back from Cyrisma when Cyrisma reports it (so an import finds it); when Cyrisma reports none, the configured value is kept, and an import records it without a replacement. Removing it from the configuration keeps the current value; null when the instance has none.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), fwkit.RequiresReplaceOnceKnown()},
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1), fwkit.NoSurroundingSpace()},
			},
			"street": optionalUnreported("Street address."),
			"city":   optionalUnreported("City."),
			"state":  optionalUnreported("State, province or region."),
			"postal": optionalUnreported("Postal code."),
			"managed": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "`false` provisions a trial (consulting) instance; setting it to `true` later converts it to a managed (month-to-month) instance in place. The conversion is one way: setting it back to `false` is refused at plan time. Organizations are always managed.",
			},
			"suspended": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether access to the instance (and to everything under it) is blocked. Changing it suspends or reactivates the instance in place.",
			},
			"mfa_method": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("none"),
				MarkdownDescription: "Multi-factor authentication for everyone signing in through this instance: `none`, `email` or `authenticator` (TOTP).",
				Validators:          []validator.String{stringvalidator.OneOf("none", "email", "authenticator")},
			},
			"agent_key": schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "Key that endpoint agents use to enroll into this instance.", PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"url":       computed("Host name of the instance."),
			"hierarchy": computed("Path of instance IDs from the partner's root organization to this instance, joined by `/`."),
			"number_of_endpoints": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Number of endpoints (agents) enrolled.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx, timeouts.Opts{
			Create: true,
			CreateDescription: fwkit.TimeoutDescription("How long creation waits for the new instance to be provisioned (readable). "+
				"Past it the apply fails and the instance stays in the state, tainted: the next apply replaces it, suspending it.", defaultProvisioningTimeout),
			Delete: true,
			DeleteDescription: fwkit.TimeoutDescription("How long destroy (or a replacement) waits for an instance still being provisioned "+
				"before suspending it; an instance that was ever read is suspended at once. Destroy reads it from the state: apply a new value before destroying.", defaultDeleteTimeout),
		})},
	}
}

// ValidateConfig refuses a trial organization, which Cyrisma cannot create.
func (r *InstanceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config instanceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if config.InstanceType.ValueString() == "organization" && !config.Managed.IsNull() && !config.Managed.IsUnknown() && !config.Managed.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("managed"), "Organizations cannot be trials",
			"Cyrisma does not create trial (consulting) organizations or sub-organizations: remove managed = false, or use instance_type = \"standard\".")
	}
}

// ModifyPlan refuses to turn a managed instance back into a trial in place;
// when the plan replaces the instance anyway, the new one may be a trial.
func (r *InstanceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.ResourceBase.ModifyPlan(ctx, req, resp); resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var state, plan instanceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.replaces(&state) {
		return
	}
	if state.Managed.ValueBool() && !plan.Managed.IsUnknown() && !plan.Managed.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("managed"), "Managed instances cannot become trials again",
			fmt.Sprintf("Instance %s is managed; Cyrisma's conversion from trial to managed is one way. Set managed = true (or remove it), or change an attribute that replaces the instance.", state.ID.ValueString()))
	}
	if !state.Managed.IsNull() && !state.Managed.ValueBool() && plan.Managed.ValueBool() {
		// managed defaults to true: a trial imported into a configuration
		// that leaves it out would be converted without anyone asking.
		resp.Diagnostics.AddAttributeWarning(path.Root("managed"), "This plan converts a trial instance to managed",
			fmt.Sprintf("Instance %s is a trial (consulting) instance and this plan converts it to a managed one, which cannot be undone. If that is not intended, set managed = false.", state.ID.ValueString()))
	}
}

// ImportState imports an instance by its ID.
func (r *InstanceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, fwkit.ImportID{
		Resource: r.TypeName(),
		Parts:    []fwkit.ImportPart{{Attr: "id", Of: "the instance's ID (not its name or short name)", Shape: fwkit.ShapeOpaqueID}},
		Find:     "data.tenant_cyrisma_instances lists the instances with their id, name and short_name.",
		Example:  "9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
	})
}
