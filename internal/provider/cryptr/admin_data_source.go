package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// adminDataAttributes is the schema of an admin in data sources: every
// attribute computed.
func adminDataAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"id":                          computed("Identifier (UUID) of the admin."),
		"organization_domain":         computed("Domain of the admin's organization."),
		"email":                       computed("Email address of the admin."),
		"color":                       computed("Color of the admin's logo in the Cryptr dashboard."),
		"invited_at":                  computed("When the invitation was sent (UTC)."),
		"accepted_invitation_at":      computed("When the admin accepted the invitation (UTC); null until then."),
		"declined_to_be_in_charge_at": computed("When the admin declined to be in charge (UTC); null unless they did."),
		"last_login_at":               computed("When the admin last logged in (UTC); null if never."),
		"inserted_at":                 computed("Creation time (UTC)."),
		"updated_at":                  computed("Time of the last change (UTC)."),
	}
}

// AdminDataSource reads one admin of an organization by email.
type AdminDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*AdminDataSource)(nil)

// NewAdminDataSource returns the tenant_cryptr_admin data source.
func NewAdminDataSource() datasource.DataSource {
	return &AdminDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_admin"}}
}

// Schema describes the data source.
func (d *AdminDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := adminDataAttributes()
	attrs["organization_domain"] = schema.StringAttribute{Required: true, MarkdownDescription: "Domain of the organization.", Validators: []validator.String{connDomainValidator()}}
	attrs["email"] = schema.StringAttribute{Required: true, MarkdownDescription: "Email address of the admin to read.", Validators: peopleEmailValidators()}
	resp.Schema = schema.Schema{MarkdownDescription: "Reads one admin of a Cryptr organization by email.", Attributes: attrs}
}

// Read reads the admin; a missing one is an error.
func (d *AdminDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config adminModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain, email := config.OrganizationDomain.ValueString(), config.Email.ValueString()
	a, err := api.GetAdmin(ctx, domain, email)
	if err != nil {
		summary := "Could not read the Cryptr admin"
		if httpclient.IsNotFound(err) {
			summary = fmt.Sprintf("Cryptr admin %q of organization %q not found", email, domain)
		}
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	model := flattenAdmin(a, domain, config.Email)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// AdminsDataSource lists the admins of an organization.
type AdminsDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*AdminsDataSource)(nil)

// NewAdminsDataSource returns the tenant_cryptr_admins data source.
func NewAdminsDataSource() datasource.DataSource {
	return &AdminsDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_admins"}}
}

type adminsModel struct {
	OrganizationDomain types.String `tfsdk:"organization_domain"`
	Admins             []adminModel `tfsdk:"admins"`
}

// Schema describes the data source.
func (d *AdminsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every admin of a Cryptr organization (all pages), newest first.",
		Attributes: map[string]schema.Attribute{
			"organization_domain": schema.StringAttribute{Required: true, MarkdownDescription: "Domain of the organization.", Validators: []validator.String{connDomainValidator()}},
			"admins": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The admins, newest first.",
				NestedObject:        schema.NestedAttributeObject{Attributes: adminDataAttributes()},
			},
		},
	}
}

// Read lists the admins, following every page.
func (d *AdminsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config adminsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := config.OrganizationDomain.ValueString()
	admins, err := api.ListAdmins(ctx, domain)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Cryptr admins", err.Error())
		return
	}
	config.Admins = make([]adminModel, 0, len(admins))
	for i := range admins {
		config.Admins = append(config.Admins, flattenAdmin(&admins[i], domain, types.StringNull()))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
