package synerise

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// WorkspaceTokenEphemeralResource hands the provider's workspace JWT to
// other providers without storing it in the plan or the state.
type WorkspaceTokenEphemeralResource struct{ fwkit.EphemeralResourceBase }

var _ ephemeral.EphemeralResourceWithConfigure = (*WorkspaceTokenEphemeralResource)(nil)

// NewWorkspaceTokenEphemeralResource returns the
// tenant_synerise_workspace_token ephemeral resource.
func NewWorkspaceTokenEphemeralResource() ephemeral.EphemeralResource {
	return &WorkspaceTokenEphemeralResource{fwkit.EphemeralResourceBase{TypeSuffix: "synerise_workspace_token"}}
}

type workspaceTokenModel struct {
	Token     types.String `tfsdk:"token"`
	ExpiresAt types.String `tfsdk:"expires_at"`
}

// Schema describes the ephemeral resource.
func (r *WorkspaceTokenEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Synerise workspace JWT and its expiry, for other providers (for example `hashicorp/http`) to call the Synerise API as `Authorization: Bearer <token>`. " +
			"Being ephemeral, it is never written to the plan or the state; it can be used where Terraform accepts ephemeral values (provider blocks, ephemeral variables and outputs of modules, write-only arguments). Needs Terraform 1.10 or later.\n\n" +
			"It is the token the provider itself works with, so opening it costs no extra login: with an API key, the workspace token; with a user login, the user's token after the workspace selection " +
			"(`workspace_uuid` must be set: a user token without a selected workspace is not a workspace token, and this is an error). " +
			"A token past half of its lifetime is renewed before it is handed over (by the refresh endpoint with an API key, by a new login for a user), so the receiver gets at least half a lifetime " +
			"(30 minutes of the default hour). Its value is fixed for the run: Terraform opens an ephemeral resource once per plan and once per apply.",
		Attributes: map[string]schema.Attribute{
			"token": schema.StringAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: "The workspace JWT, without the `Bearer ` prefix.",
			},
			"expires_at": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "When the token expires (RFC 3339, UTC), read from its `exp` claim; null when the token cannot be read " +
					"(a workspace can encrypt its JWT payload), in which case the usual lifetime is one hour.",
			},
		},
	}
}

// Open returns the workspace token.
func (r *WorkspaceTokenEphemeralResource) Open(ctx context.Context, _ ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	token, expiry, err := api.WorkspaceToken(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not obtain a Synerise workspace token", err.Error())
		return
	}
	model := workspaceTokenModel{Token: types.StringValue(token), ExpiresAt: types.StringNull()}
	if !expiry.IsZero() {
		model.ExpiresAt = types.StringValue(expiry.UTC().Format(time.RFC3339))
	}
	resp.Diagnostics.Append(resp.Result.Set(ctx, &model)...)
}
