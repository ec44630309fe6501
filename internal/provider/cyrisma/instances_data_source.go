package cyrisma

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// InstancesDataSource lists the provisioned Cyrisma structure.
type InstancesDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*InstancesDataSource)(nil)

// NewInstancesDataSource returns the tenant_cyrisma_instances data source.
func NewInstancesDataSource() datasource.DataSource {
	return &InstancesDataSource{fwkit.DataSourceBase{TypeSuffix: "cyrisma_instances"}}
}

type instancesModel struct {
	ParentID     types.String         `tfsdk:"parent_id"`
	InstanceType types.String         `tfsdk:"instance_type"`
	Instances    []instanceEntryModel `tfsdk:"instances"`
}

type instanceEntryModel struct {
	ID                types.String `tfsdk:"id"`
	ParentID          types.String `tfsdk:"parent_id"`
	InstanceType      types.String `tfsdk:"instance_type"`
	Name              types.String `tfsdk:"name"`
	ShortName         types.String `tfsdk:"short_name"`
	Hierarchy         types.String `tfsdk:"hierarchy"`
	Managed           types.Bool   `tfsdk:"managed"`
	MFAMethod         types.String `tfsdk:"mfa_method"`
	URL               types.String `tfsdk:"url"`
	TenantID          types.String `tfsdk:"tenant_id"`
	NumberOfEndpoints types.Int64  `tfsdk:"number_of_endpoints"`
}

// Schema describes the data source.
func (d *InstancesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the partner's provisioned Cyrisma structure: organizations, sub-organizations and customer instances. As in the API, suspended instances are not listed.",
		Attributes: map[string]schema.Attribute{
			"parent_id": schema.StringAttribute{Optional: true, MarkdownDescription: "Keep only the direct children of this instance. An empty string keeps the partner's root organization."},
			"instance_type": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Keep only `organization` or `standard` instances.",
				Validators: []validator.String{stringvalidator.OneOf("organization", "standard")},
			},
			"instances": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The instances.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                  computed("Instance ID."),
					"parent_id":           computed("ID of the parent organization; empty for the partner's root."),
					"instance_type":       computed("`organization` or `standard`."),
					"name":                computed("Name."),
					"short_name":          computed("Short name."),
					"hierarchy":           computed("Path of instance IDs from the root, joined by `/`."),
					"managed":             schema.BoolAttribute{Computed: true, MarkdownDescription: "`false` for a trial (consulting) instance."},
					"mfa_method":          computed("`none`, `email` or `authenticator`."),
					"url":                 computed("Host name of the instance."),
					"tenant_id":           computed("Associated MDR/XDR tenant, if any."),
					"number_of_endpoints": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of endpoints enrolled."},
				}},
			},
		},
	}
}

// Read lists the structure and applies the filters.
func (d *InstancesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config instancesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	instances, err := api.ListInstances(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Cyrisma instances", err.Error())
		return
	}
	config.Instances = []instanceEntryModel{}
	for i := range instances {
		if keep(&instances[i], config) {
			config.Instances = append(config.Instances, entryOf(&instances[i]))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

func keep(inst *cyrisma.Instance, filter instancesModel) bool {
	if !filter.ParentID.IsNull() && inst.ParentID != filter.ParentID.ValueString() {
		return false
	}
	return filter.InstanceType.IsNull() || inst.InstanceType == filter.InstanceType.ValueString()
}

func entryOf(inst *cyrisma.Instance) instanceEntryModel {
	return instanceEntryModel{
		ID: types.StringValue(inst.InstanceID), ParentID: types.StringValue(inst.ParentID),
		InstanceType: types.StringValue(inst.InstanceType), Name: types.StringValue(inst.Name),
		ShortName: types.StringValue(inst.ShortName), Hierarchy: types.StringValue(inst.Hierarchy),
		Managed: types.BoolValue(!inst.IsConsulting), MFAMethod: types.StringValue(mfaMethodName(inst.MFA)),
		URL: types.StringValue(inst.URL), TenantID: types.StringValue(inst.TenantID),
		NumberOfEndpoints: types.Int64Value(int64(inst.NumberOfEndpoints)),
	}
}
