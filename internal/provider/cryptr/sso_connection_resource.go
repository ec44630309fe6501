package cryptr

import (
	"context"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// SSOConnectionResource manages an organization's SSO connection.
type SSOConnectionResource struct{ fwkit.ResourceBase }

var (
	_ resource.ResourceWithConfigure   = (*SSOConnectionResource)(nil)
	_ resource.ResourceWithImportState = (*SSOConnectionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*SSOConnectionResource)(nil)
)

// NewSSOConnectionResource returns the tenant_cryptr_sso_connection resource.
func NewSSOConnectionResource() resource.Resource {
	return &SSOConnectionResource{fwkit.ResourceBase{TypeSuffix: "cryptr_sso_connection"}}
}

// Schema describes the SSO connection.
func (r *SSOConnectionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The SSO (SAML) connection of a Cryptr organization: how the customer's identity provider signs its users in. " +
			"An organization has at most one, and the Cryptr API cannot delete it.\n\n" +
			"- **Create** creates the connection. If the organization already has one (made in the console, or left deactivated by an earlier destroy), " +
			"the resource **adopts** it and applies the configured settings, with a warning; if that connection has another `provider_type`, create fails, " +
			"since the provider type cannot change.\n" +
			"- **Destroy** only **deactivates** the connection (`active = false`) and leaves it, with its settings, in the organization; " +
			"creating the resource again reactivates it. Deleting the organization removes its connection for good.\n" +
			"- `provider_type` cannot change after creation and, with no delete, the connection cannot be replaced: changing it is a plan-time error.\n" +
			"- Import by organization domain: `terraform import tenant_cryptr_sso_connection.x <domain>`.",
		Attributes: map[string]schema.Attribute{
			"id": fwkit.ComputedString("Identifier of the connection (the identity provider id Cryptr uses in SAML)."),
			"organization_domain": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Domain of the organization. Changing it moves the resource to another organization (the old connection is deactivated).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{connDomainValidator()},
			},
			"provider_type": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Identity provider type: `saml.azure_ad`, `saml.adfs`, `saml.okta`, `saml.ping_federate`, `saml.ping_one`, `saml.auth0`, " +
					"`saml.onelogin`, `saml.custom`, or `unset`. It cannot change after creation.",
				Validators: []validator.String{fwkit.SSOProviderType()},
			},
			"active": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the connection accepts logins. Defaults to `true`.",
			},
			"number_users_provisioning_limit": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Limit of simultaneous SSO sessions (greater than 0). Leave out for no limit.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"users_access_policy": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(ssoDefaultAccessPolicy),
				MarkdownDescription: "What happens when a user logs in through SSO for the first time: `only_registered_users`, `provision_new_users` (the default) " +
					"or `unregistered_users_allowed`.",
				Validators: []validator.String{stringvalidator.OneOf(ssoAccessPolicies...)},
			},
			"metadata_xml": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The identity provider's SAML metadata (XML), checked to be well-formed at plan time. Leave out while the customer has not sent it.",
				Validators:          []validator.String{fwkit.WellFormedXML()},
			},
			"sp_id":        fwkit.ComputedString("Service provider identifier of the connection."),
			"entity_id":    fwkit.ComputedString("SAML entity ID to give the identity provider."),
			"acs_url":      fwkit.ComputedString("SAML assertion consumer service URL to give the identity provider."),
			"metadata_url": fwkit.ComputedString("URL of Cryptr's own SAML metadata for this connection."),
			"slo_url":      fwkit.ComputedString("SAML single logout URL, when Cryptr reports one."),
			"inserted_at":  fwkit.ComputedString("Creation time (UTC)."),
			"updated_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "Time of the last change (UTC)."},
		},
	}
}

// ModifyPlan refuses a change of provider_type, which the API cannot make
// and which no replacement can achieve (there is no delete).
func (r *SSOConnectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.ResourceBase.ModifyPlan(ctx, req, resp); resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var state, plan ssoConnectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.ProviderType.IsUnknown() || state.ProviderType.IsNull() ||
		plan.ProviderType.Equal(state.ProviderType) || !plan.OrganizationDomain.Equal(state.OrganizationDomain) {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("provider_type"), "provider_type cannot change",
		fmt.Sprintf("The SSO connection of organization %q has provider type %q. Cryptr cannot change the provider type of an existing connection, "+
			"and it cannot delete the connection either, so Terraform cannot replace it. Keep provider_type = %q.",
			state.OrganizationDomain.ValueString(), state.ProviderType.ValueString(), state.ProviderType.ValueString()))
}

// Create creates the connection, or adopts the organization's existing one.
// The create and the setting of the metadata are two calls: the connection
// is saved in the state between them, so that if the second fails it stays
// there (tainted, replaced by the next apply) instead of being orphaned.
func (r *SSOConnectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan ssoConnectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain, in := plan.OrganizationDomain.ValueString(), expandSSOConnection(plan)
	var saved *cryptr.SSOConnection
	conn, err := api.CreateSSOConnection(ctx, domain, in, func(created *cryptr.SSOConnection) {
		saved = created
		model := flattenSSOConnection(created, domain)
		resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
	})
	if httpclient.HasStatus(err, http.StatusConflict) {
		conn, err = r.adopt(ctx, api, domain, in, resp)
	}
	if err != nil && saved != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not set the metadata of the new Cryptr SSO connection",
			fmt.Errorf("the SSO connection %s of organization %q was created and is saved in the state as tainted; the next apply replaces it (deactivates it, then sets it up again): %w", saved.ID, domain, err),
			ssoConnectionFields)
		return
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not create the Cryptr SSO connection", err, ssoConnectionFields)
		return
	}
	if conn == nil {
		return
	}
	model := flattenSSOConnection(conn, domain)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// adopt takes over the organization's existing connection: same provider
// type required, then every configured setting is applied.
func (r *SSOConnectionResource) adopt(ctx context.Context, api *cryptr.Client, domain string, in cryptr.SSOConnectionInput, resp *resource.CreateResponse) (*cryptr.SSOConnection, error) {
	existing, err := api.GetSSOConnection(ctx, domain)
	if err != nil {
		return nil, err
	}
	if existing.ProviderType != in.ProviderType {
		resp.Diagnostics.AddAttributeError(path.Root("provider_type"), "The organization already has an SSO connection of another provider type",
			fmt.Sprintf("Organization %q already has an SSO connection (%s) with provider type %q, and Cryptr cannot change it. "+
				"Set provider_type = %q to manage that connection, or bring it under Terraform with: terraform import <address> %s",
				domain, existing.ID, existing.ProviderType, existing.ProviderType, domain))
		return nil, nil
	}
	resp.Diagnostics.AddWarning("Adopted the existing SSO connection",
		fmt.Sprintf("Organization %q already had an SSO connection (%s); Terraform now manages it and has applied the configured settings.", domain, existing.ID))
	return api.UpdateSSOConnection(ctx, domain, in)
}

// Read refreshes the connection; one that is gone (with its organization)
// is removed from the state.
func (r *SSOConnectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ssoSettings.read(ctx, r.Data, req, resp)
}

// Update applies every setting in place.
func (r *SSOConnectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ssoSettings.update(ctx, r.Data, req, resp)
}

// ssoSettings is the Read and Update of the SSO connection; its Create
// (adoption with a provider-type check) and Delete (deactivation) are its own.
var ssoSettings = orgSettings[ssoConnectionModel, cryptr.SSOConnection, cryptr.SSOConnectionInput]{
	what: "SSO connection", get: (*cryptr.Client).GetSSOConnection, put: (*cryptr.Client).UpdateSSOConnection,
	expand: expandSSOConnection,
	flatten: func(domain string, c *cryptr.SSOConnection) ssoConnectionModel {
		return flattenSSOConnection(c, domain)
	},
	domain: func(m ssoConnectionModel) string { return m.OrganizationDomain.ValueString() },
	fields: ssoConnectionFields,
}

// Delete deactivates the connection, the closest the API permits; one
// already gone counts as deleted.
func (r *SSOConnectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ssoConnectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := state.OrganizationDomain.ValueString()
	_, err := api.SetSSOConnectionActive(ctx, domain, false)
	if err == nil {
		fwkit.WarnNotDeleted(&resp.Diagnostics, fwkit.NotDeleted{
			Kind: "Cryptr SSO connection", Done: "deactivated", Object: fmt.Sprintf("the SSO connection of organization %q", domain),
			Why: "the Cryptr API has no call to delete an SSO connection",
			Remains: "It remains at Cryptr, deactivated (active = false), with its provider type, metadata and settings; deleting the organization removes it for good. " +
				"Applying the resource again adopts and reactivates it, as long as provider_type is the same.",
		})
	}
	if err := fwkit.IgnoreGone(err); err != nil {
		resp.Diagnostics.AddError("Could not deactivate the Cryptr SSO connection", err.Error())
	}
}

// ImportState imports the connection of an organization by its domain.
func (r *SSOConnectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	spec := importByOrgDomain(r.TypeName())
	spec.Find = "data.tenant_cryptr_sso_connections lists every SSO connection with its organization_domain; " + findOrgDomain
	fwkit.ImportInto(ctx, req, resp, spec)
}
