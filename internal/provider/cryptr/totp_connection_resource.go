package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// TOTPConnectionResource manages the TOTP (one-time code) settings of an organization.
type TOTPConnectionResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*TOTPConnectionResource)(nil)
	_ resource.ResourceWithImportState = (*TOTPConnectionResource)(nil)
)

// NewTOTPConnectionResource returns the tenant_cryptr_totp_connection resource.
func NewTOTPConnectionResource() resource.Resource {
	return &TOTPConnectionResource{fwkit.ResourceBase{TypeSuffix: "cryptr_totp_connection"}}
}

// Schema describes the TOTP connection.
func (r *TOTPConnectionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The TOTP (one-time code, by SMS or mobile authenticator app) connection of a Cryptr organization. Every organization " +
			"has exactly one, shared by both environments, deactivated until it is turned on: create adopts it and updates it to the configuration. " +
			"Note that `active` defaults to `false`, as in Cryptr: set `active = true` to turn TOTP on.\n\n" +
			"**Destroy.** The Cryptr API cannot delete it: destroy restores Cryptr's defaults (`active = false`, `method = \"totp_mobile_app\"`, " +
			"`expiry_in_seconds = 30`) and removes it from the state.",
		Attributes: map[string]schema.Attribute{
			"id":                  fwkit.ComputedString("Same as `organization_domain` (Cryptr gives the TOTP connection no identifier)."),
			"organization_domain": connOrgDomainAttribute("TOTP connection"),
			"active": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether TOTP is enabled for the organization. Defaults to `false`, as in Cryptr.",
			},
			"method": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(totpMethodApp),
				MarkdownDescription: "How codes reach users: `totp_mobile_app` (an authenticator app, the default) or `sms`.",
				Validators:          []validator.String{stringvalidator.OneOf(totpMethodApp, totpMethodSMS)},
			},
			"expiry_in_seconds": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Lifetime of a code in seconds, from 30 to 900. Left out, it is the method's default: 30 for " +
					"`totp_mobile_app` (most authenticator apps use 30 s; keep it), 600 for `sms`.",
				Validators:    []validator.Int64{int64validator.Between(30, 900)},
				PlanModifiers: []planmodifier.Int64{totpExpiryDefault{}},
			},
		},
	}
}

// totpExpiryDefault plans the planned method's default expiry when the
// configuration leaves expiry_in_seconds out.
type totpExpiryDefault struct{}

func (totpExpiryDefault) Description(context.Context) string {
	return "Defaults to 30 for totp_mobile_app and 600 for sms."
}

func (m totpExpiryDefault) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (totpExpiryDefault) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var method types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("method"), &method)...)
	if expiry, ok := totpDefaultExpiry[method.ValueString()]; ok && !method.IsUnknown() {
		resp.PlanValue = types.Int64Value(expiry)
	}
}

// totpSettings is the CRUD of the TOTP connection: create adopts it, destroy restores the defaults.
var totpSettings = orgSettings[totpConnectionModel, cryptr.TOTPConnection, cryptr.TOTPConnectionInput]{
	what: "TOTP connection", get: (*cryptr.Client).GetTOTPConnection, put: (*cryptr.Client).UpdateTOTPConnection,
	expand: expandTOTPConnection, flatten: flattenTOTPConnection,
	domain:   func(m totpConnectionModel) string { return m.OrganizationDomain.ValueString() },
	defaults: totpConnectionDefaults, fields: totpConnectionFields,
}

// Create adopts the organization's TOTP connection and sets it to the plan.
func (r *TOTPConnectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	totpSettings.create(ctx, r.Data, req, resp)
}

// Read refreshes the TOTP connection.
func (r *TOTPConnectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	totpSettings.read(ctx, r.Data, req, resp)
}

// Update sets every setting in place.
func (r *TOTPConnectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	totpSettings.update(ctx, r.Data, req, resp)
}

// Delete restores the default settings: the API cannot delete the
// connection. A warning says what remains.
func (r *TOTPConnectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if domain, reset := totpSettings.delete(ctx, r.Data, req, resp); reset {
		fwkit.WarnNotDeleted(&resp.Diagnostics, fwkit.NotDeleted{
			Kind: "Cryptr TOTP connection", Done: "reset", Object: `the TOTP connection of organization "` + domain + `"`,
			Why:     "every Cryptr organization has a TOTP connection, which the API cannot delete",
			Remains: `It remains at Cryptr with Cryptr's defaults: active = false, method = "totp_mobile_app", expiry_in_seconds = 30. TOTP is off.`,
		})
	}
}

// ImportState imports the TOTP connection of an organization by the
// organization's domain.
func (r *TOTPConnectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, importByOrgDomain(r.TypeName()))
}
