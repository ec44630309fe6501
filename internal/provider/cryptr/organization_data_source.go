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

// organizationDataAttributes is the schema fragment of an organization in
// data sources: every attribute computed.
func organizationDataAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"id":                    computed("Same as `domain`."),
		"domain":                computed("Immutable identifier of the organization."),
		"name":                  computed("Name of the organization."),
		"allowed_email_domains": schema.SetAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Email domains whose users may log in."},
		"environments": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The organization's environments and their status (`up` or `down`).",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name":   computed("`production` or `sandbox`."),
				"status": computed("`up` or `down`."),
			}},
		},
		"status":      computed("Provisioning state (`pending` or `terminated`)."),
		"locale":      computed("Preferred locale."),
		"timezone":    computed("Preferred time zone."),
		"inserted_at": computed("Creation time (UTC)."),
		"updated_at":  computed("Time of the last change (UTC)."),
	}
}

// OrganizationDataSource reads one Cryptr organization by domain.
type OrganizationDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*OrganizationDataSource)(nil)

// NewOrganizationDataSource returns the tenant_cryptr_organization data source.
func NewOrganizationDataSource() datasource.DataSource {
	return &OrganizationDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_organization"}}
}

// Schema describes the data source.
func (d *OrganizationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := organizationDataAttributes()
	attrs["domain"] = schema.StringAttribute{Required: true, MarkdownDescription: "Domain of the organization to read.", Validators: []validator.String{connDomainValidator()}}
	resp.Schema = schema.Schema{MarkdownDescription: "Reads one Cryptr organization by its domain.", Attributes: attrs}
}

// Read reads the organization; a missing or deleted one is an error.
func (d *OrganizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config organizationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	org, err := api.GetOrganization(ctx, config.Domain.ValueString())
	if err != nil {
		summary := "Could not read the Cryptr organization"
		if httpclient.IsNotFound(err) {
			summary = fmt.Sprintf("Cryptr organization %q not found", config.Domain.ValueString())
		}
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	model, diags := flattenOrganization(ctx, org)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
