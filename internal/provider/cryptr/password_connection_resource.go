package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// PasswordConnectionResource manages the password login settings of an organization.
type PasswordConnectionResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure      = (*PasswordConnectionResource)(nil)
	_ resource.ResourceWithImportState    = (*PasswordConnectionResource)(nil)
	_ resource.ResourceWithValidateConfig = (*PasswordConnectionResource)(nil)
)

// NewPasswordConnectionResource returns the tenant_cryptr_password_connection resource.
func NewPasswordConnectionResource() resource.Resource {
	return &PasswordConnectionResource{fwkit.ResourceBase{TypeSuffix: "cryptr_password_connection"}}
}

// Schema describes the password connection.
func (r *PasswordConnectionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The password connection of a Cryptr organization: whether its users can log in with a password, and the password rules. " +
			"An organization has none until one is created; there is at most one per organization, shared by both environments.\n\n" +
			"**Create.** When the organization has no password connection, create makes one. When it already has one (made in the Cryptr console, " +
			"or left deactivated by an earlier destroy), create adopts it and updates it to the configuration.\n\n" +
			"**Destroy.** The Cryptr API cannot delete a password connection: destroy deactivates it and restores Cryptr's default settings " +
			fmt.Sprintf("(`active = false`, `plain_text_min_length = %d`, `plain_text_max_length = %d`, `pepper_rotation_period = %d`, no `forgot_password_template_id`), ",
				passwordDefaultMinLength, passwordDefaultMaxLength, passwordDefaultPepperRotation) +
			"so that password login is off, then removes it from the state.",
		Attributes: map[string]schema.Attribute{
			"id":                  fwkit.ComputedString("Identifier of the password connection (a UUID)."),
			"organization_domain": connOrgDomainAttribute("password connection"),
			"active": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether users can log in with a password. Defaults to `true`, as in Cryptr.",
			},
			"plain_text_min_length": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(passwordDefaultMinLength),
				MarkdownDescription: fmt.Sprintf("Minimum length of a password, at least 1 and lower than `plain_text_max_length`. Defaults to %d.", passwordDefaultMinLength),
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"plain_text_max_length": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(passwordDefaultMaxLength),
				MarkdownDescription: fmt.Sprintf("Maximum length of a password, higher than `plain_text_min_length`. Defaults to %d.", passwordDefaultMaxLength),
				Validators:          []validator.Int64{int64validator.AtLeast(2)},
			},
			"pepper_rotation_period": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(passwordDefaultPepperRotation),
				MarkdownDescription: fmt.Sprintf("Time between two rotations of the password pepper, in seconds (at least 1). Defaults to %d (one day).", passwordDefaultPepperRotation),
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"forgot_password_template_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Id (a UUID) of the email template for \"forgot password\" messages. Leave it out for Cryptr's default template.",
				Validators:          []validator.String{connTemplateIDValidator()},
			},
			"inserted_at": fwkit.ComputedString("Creation time (UTC)."),
			"updated_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "Time of the last change (UTC)."},
		},
	}
}

// ValidateConfig checks that the minimum length is below the maximum.
func (r *PasswordConnectionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config passwordConnectionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || passwordLengthsValid(config.PlainTextMinLength, config.PlainTextMaxLength) {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("plain_text_min_length"), "Invalid password lengths",
		fmt.Sprintf("plain_text_min_length must be lower than plain_text_max_length (which defaults to %d when left out).", passwordDefaultMaxLength))
}

// passwordSettings is the Read, Update and Delete of the password
// connection: destroy deactivates it and restores the defaults. Create
// differs from the other settings: an organization has none at first.
var passwordSettings = orgSettings[passwordConnectionModel, cryptr.PasswordConnection, cryptr.PasswordConnectionInput]{
	what: "password connection", get: (*cryptr.Client).GetPasswordConnection, put: (*cryptr.Client).UpdatePasswordConnection,
	expand: expandPasswordConnection, flatten: flattenPasswordConnection,
	domain:   func(m passwordConnectionModel) string { return m.OrganizationDomain.ValueString() },
	defaults: passwordConnectionDefaults, fields: passwordConnectionFields,
}

// Create creates the password connection, or adopts the existing one.
func (r *PasswordConnectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan passwordConnectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := plan.OrganizationDomain.ValueString()
	in := expandPasswordConnection(plan)
	_, err := api.GetPasswordConnection(ctx, domain)
	var conn *cryptr.PasswordConnection
	switch {
	case httpclient.IsNotFound(err):
		conn, err = api.CreatePasswordConnection(ctx, domain, in)
	case err == nil:
		conn, err = api.UpdatePasswordConnection(ctx, domain, in)
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not create the Cryptr password connection", err, passwordConnectionFields)
		return
	}
	model := flattenPasswordConnection(domain, conn)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// Read refreshes the password connection.
func (r *PasswordConnectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	passwordSettings.read(ctx, r.Data, req, resp)
}

// Update sets every setting in place.
func (r *PasswordConnectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	passwordSettings.update(ctx, r.Data, req, resp)
}

// Delete deactivates the password connection and restores the default
// settings: the API cannot delete it. A warning says what remains.
func (r *PasswordConnectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if domain, reset := passwordSettings.delete(ctx, r.Data, req, resp); reset {
		fwkit.WarnNotDeleted(&resp.Diagnostics, fwkit.NotDeleted{
			Kind: "Cryptr password connection", Done: "reset", Object: fmt.Sprintf("the password connection of organization %q", domain),
			Why: "the Cryptr API has no call to delete a password connection",
			Remains: "It remains at Cryptr, deactivated, with Cryptr's default rules: active = false, plain_text_min_length = 8, plain_text_max_length = 40, " +
				"pepper_rotation_period = 86400, no forgot_password_template_id. Password login is off.",
		})
	}
}

// ImportState imports the password connection of an organization by the
// organization's domain.
func (r *PasswordConnectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, importByOrgDomain(r.TypeName()))
}
