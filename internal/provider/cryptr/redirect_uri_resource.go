package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// redirectURIDescription documents the resource and the API design it relies on.
const redirectURIDescription = "An allowed redirect URI of a Cryptr environment: where end users may be sent back after they log in. " +
	"It lives in the environment (`sandbox` or `production`) of the provider's API key; use a provider alias with the other " +
	"environment's key to manage that environment's URIs.\n\n" +
	"**Default.** An environment has at most one default redirect URI: setting `default = true` makes this URI the default and clears the " +
	"flag on the environment's previous default. Set `default = true` on at most one `tenant_cryptr_redirect_uri` per environment: " +
	"Terraform cannot check this at plan time across resources, and two resources that both ask for it would take the flag from each other " +
	"on every apply. Cryptr refuses to delete the default while other redirect URIs exist, so destroy first clears `default` and then deletes.\n\n" +
	"**Destroy** deletes the redirect URI. A URI deleted outside Terraform is removed from the state and created again by the next apply. " +
	"Import by id: `terraform import tenant_cryptr_redirect_uri.x <id>` (with a provider of the URI's environment).\n\n" +
	"**API design.** The public Cryptr reference ends before the redirect URI endpoints, so this provider uses, in the style of the rest of " +
	"the v2 API: `GET /api/v2/redirect-uris` (the List envelope, paginated, newest first), `POST /api/v2/redirect-uris` (`uri`, `default`), " +
	"`GET`, `PUT` and `DELETE /api/v2/redirect-uris/{id}` (delete answers `{\"deleted\": true, \"resource\": ...}`). The object has " +
	"`__environment__`, `__type__` (`RedirectUri`), `default`, `id`, `inserted_at`, `updated_at` and `uri`; a `uri` is unique within its environment."

// RedirectURIResource manages a redirect URI.
type RedirectURIResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*RedirectURIResource)(nil)
	_ resource.ResourceWithImportState = (*RedirectURIResource)(nil)
)

// NewRedirectURIResource returns the tenant_cryptr_redirect_uri resource.
func NewRedirectURIResource() resource.Resource {
	return &RedirectURIResource{fwkit.ResourceBase{TypeSuffix: "cryptr_redirect_uri"}}
}

// Schema describes the redirect URI.
func (r *RedirectURIResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: redirectURIDescription,
		Attributes: map[string]schema.Attribute{
			"id":          fwkit.ComputedString("Identifier (UUID) of the redirect URI."),
			"environment": fwkit.ComputedString("Environment the URI lives in (`sandbox` or `production`): that of the provider's API key."),
			"uri": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The absolute URI, such as `https://app.example.com/callback` or `com.example.app:/oauth2redirect` (no `#fragment`). It can change in place.",
				Validators:          []validator.String{fwkit.AbsoluteURI()},
			},
			"default": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether this is the environment's default redirect URI. Defaults to `false`. At most one resource per environment may set it.",
			},
			"inserted_at": fwkit.ComputedString("Creation time (UTC)."),
			"updated_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "Time of the last change (UTC)."},
		},
	}
}

// Create creates the redirect URI.
func (r *RedirectURIResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan redirectURIModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := api.CreateRedirectURI(ctx, expandRedirectURI(plan))
	if fwkit.HandleExisting(ctx, r, &r.ResourceBase, err, func(u *cryptr.RedirectURI) string { return u.ID }, req, resp) {
		return
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not create the Cryptr redirect URI", err, redirectURIFields)
		return
	}
	model := flattenRedirectURI(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// Read refreshes the redirect URI; a deleted one is removed from the state.
func (r *RedirectURIResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state redirectURIModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := api.GetRedirectURI(ctx, state.ID.ValueString())
	if err != nil {
		if !fwkit.RemoveIfGone(ctx, err, fmt.Sprintf("Cryptr redirect URI %q", state.ID.ValueString()), resp) {
			resp.Diagnostics.AddError("Could not read the Cryptr redirect URI", err.Error())
		}
		return
	}
	model := flattenRedirectURI(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// Update changes the uri and the default flag in place.
func (r *RedirectURIResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state redirectURIModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := api.UpdateRedirectURI(ctx, state.ID.ValueString(), expandRedirectURI(plan))
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not update the Cryptr redirect URI", err, redirectURIFields)
		return
	}
	model := flattenRedirectURI(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// Delete deletes the redirect URI (clearing default first when the API
// asks); one already gone counts as deleted.
func (r *RedirectURIResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state redirectURIModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := fwkit.IgnoreGone(api.DeleteRedirectURI(ctx, state.ID.ValueString())); err != nil {
		resp.Diagnostics.AddError("Could not delete the Cryptr redirect URI", err.Error())
	}
}

// ImportState imports a redirect URI by id.
func (r *RedirectURIResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	fwkit.ImportInto(ctx, req, resp, fwkit.ImportID{
		Resource: r.TypeName(),
		Parts:    []fwkit.ImportPart{{Attr: "id", Of: "the redirect URI's id (not the URI)", Shape: fwkit.ShapeOpaqueID}},
		Find:     "data.tenant_cryptr_redirect_uris lists the redirect URIs of the provider's environment with their id and uri.",
		Example:  "8d814d02-35d8-48a9-a033-291fd5959a0c",
	})
}
