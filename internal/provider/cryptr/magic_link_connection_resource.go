package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// MagicLinkConnectionResource manages the magic-link login settings of an organization.
type MagicLinkConnectionResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*MagicLinkConnectionResource)(nil)
	_ resource.ResourceWithImportState = (*MagicLinkConnectionResource)(nil)
)

// NewMagicLinkConnectionResource returns the tenant_cryptr_magic_link_connection resource.
func NewMagicLinkConnectionResource() resource.Resource {
	return &MagicLinkConnectionResource{fwkit.ResourceBase{TypeSuffix: "cryptr_magic_link_connection"}}
}

// Schema describes the magic-link connection.
func (r *MagicLinkConnectionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The magic-link (passwordless email) connection of a Cryptr organization. Every organization has exactly one, " +
			"shared by both environments, from its creation: create adopts it and updates it to the configuration.\n\n" +
			"**Destroy.** The Cryptr API cannot delete it: destroy restores Cryptr's defaults (`active = true`, `find_or_create_user = false`, " +
			"no `sign_in_template_id`) and removes it from the state.",
		Attributes: map[string]schema.Attribute{
			"id":                  fwkit.ComputedString("Identifier of the magic-link connection (a UUID)."),
			"organization_domain": connOrgDomainAttribute("magic-link connection"),
			"active": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether users can log in with a magic link. Defaults to `true`, as in Cryptr.",
			},
			"find_or_create_user": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether a magic link registers an unknown user on first login (`true`) or only lets existing users in (`false`, the default).",
			},
			"sign_in_template_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Id (a UUID) of the email template of the sign-in message. Leave it out for Cryptr's default template.",
				Validators:          []validator.String{connTemplateIDValidator()},
			},
			"inserted_at": fwkit.ComputedString("Creation time (UTC)."),
			"updated_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "Time of the last change (UTC)."},
		},
	}
}

// magicLinkSettings is the CRUD of the magic-link connection: create adopts it, destroy restores the defaults.
var magicLinkSettings = orgSettings[magicLinkConnectionModel, cryptr.MagicLinkConnection, cryptr.MagicLinkConnectionInput]{
	what: "magic-link connection", get: (*cryptr.Client).GetMagicLinkConnection, put: (*cryptr.Client).UpdateMagicLinkConnection,
	expand: expandMagicLinkConnection, flatten: flattenMagicLinkConnection,
	domain:   func(m magicLinkConnectionModel) string { return m.OrganizationDomain.ValueString() },
	defaults: magicLinkConnectionDefaults, fields: magicLinkConnectionFields,
}

// Create adopts the organization's magic-link connection and sets it to the plan.
func (r *MagicLinkConnectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	magicLinkSettings.create(ctx, r.Data, req, resp)
}

// Read refreshes the magic-link connection.
func (r *MagicLinkConnectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	magicLinkSettings.read(ctx, r.Data, req, resp)
}

// Update sets every setting in place.
func (r *MagicLinkConnectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	magicLinkSettings.update(ctx, r.Data, req, resp)
}

// Delete restores the default settings: the API cannot delete the
// connection. A warning says what remains: magic-link login stays on.
func (r *MagicLinkConnectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if domain, reset := magicLinkSettings.delete(ctx, r.Data, req, resp); reset {
		fwkit.WarnNotDeleted(&resp.Diagnostics, fwkit.NotDeleted{
			Kind: "Cryptr magic-link connection", Done: "reset", Object: `the magic-link connection of organization "` + domain + `"`,
			Why: "every Cryptr organization has a magic-link connection, which the API cannot delete",
			Remains: "It remains at Cryptr with Cryptr's defaults: active = true, find_or_create_user = false, no sign_in_template_id. " +
				"Magic-link login stays on: to turn it off, keep the resource with active = false instead of destroying it.",
		})
	}
}

// ImportState imports the magic-link connection of an organization by the
// organization's domain.
func (r *MagicLinkConnectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, importByOrgDomain(r.TypeName()))
}
