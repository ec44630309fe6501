package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// OrganizationsDataSource lists Cryptr organizations.
type OrganizationsDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*OrganizationsDataSource)(nil)

// NewOrganizationsDataSource returns the tenant_cryptr_organizations data source.
func NewOrganizationsDataSource() datasource.DataSource {
	return &OrganizationsDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_organizations"}}
}

type organizationsModel struct {
	EnvironmentStatuses types.Set           `tfsdk:"environment_statuses"`
	Organizations       []organizationModel `tfsdk:"organizations"`
}

// Schema describes the data source.
func (d *OrganizationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every Cryptr organization of the account (all pages), newest first, optionally only those with an environment in a given status.",
		Attributes: map[string]schema.Attribute{
			"environment_statuses": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Keep organizations with at least one environment in one of these statuses (`up`, `down`). Leave out to list all.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf("up", "down"))},
			},
			"organizations": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The organizations.",
				NestedObject:        schema.NestedAttributeObject{Attributes: organizationDataAttributes()},
			},
		},
	}
}

// Read lists the organizations, following every page.
func (d *OrganizationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config organizationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var opts cryptr.ListOrganizationsOptions
	resp.Diagnostics.Append(config.EnvironmentStatuses.ElementsAs(ctx, &opts.EnvironmentStatuses, false)...)
	orgs, err := api.ListOrganizations(ctx, opts)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Cryptr organizations", err.Error())
		return
	}
	config.Organizations = make([]organizationModel, 0, len(orgs))
	for i := range orgs {
		model, diags := flattenOrganization(ctx, &orgs[i])
		resp.Diagnostics.Append(diags...)
		config.Organizations = append(config.Organizations, model)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
