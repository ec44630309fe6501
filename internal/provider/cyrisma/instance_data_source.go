package cyrisma

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// InstanceDataSource reads one Cyrisma instance by its ID.
type InstanceDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*InstanceDataSource)(nil)

// NewInstanceDataSource returns the tenant_cyrisma_instance data source.
func NewInstanceDataSource() datasource.DataSource {
	return &InstanceDataSource{fwkit.DataSourceBase{TypeSuffix: "cyrisma_instance"}}
}

// instanceDataModel is the state of the tenant_cyrisma_instance data source:
// the fields of a listed instance plus suspended and agent_key.
type instanceDataModel struct {
	instanceEntryModel
	Suspended types.Bool   `tfsdk:"suspended"`
	AgentKey  types.String `tfsdk:"agent_key"`
}

// Schema describes the data source.
func (d *InstanceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Cyrisma instance (an organization or a customer instance) by its ID. Unlike `tenant_cyrisma_instances`, it also finds suspended instances, and reports whether the instance is suspended. " +
			"An instance that is still being provisioned cannot be read yet. Country, email and the address are not reported by the API.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Required: true, MarkdownDescription: "Instance ID.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), fwkit.NoSurroundingSpace()},
			},
			"parent_id":           computed("ID of the parent organization; empty for the partner's root."),
			"instance_type":       computed("`organization` or `standard`."),
			"name":                computed("Name."),
			"short_name":          computed("Short name."),
			"hierarchy":           computed("Path of instance IDs from the root, joined by `/`."),
			"managed":             schema.BoolAttribute{Computed: true, MarkdownDescription: "`false` for a trial (consulting) instance."},
			"suspended":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the instance is suspended (access to it and to everything under it is blocked)."},
			"mfa_method":          computed("`none`, `email` or `authenticator`."),
			"url":                 computed("Host name of the instance."),
			"tenant_id":           computed("Associated MDR/XDR tenant; empty when there is none."),
			"number_of_endpoints": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of endpoints enrolled."},
			"agent_key":           schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "Key that endpoint agents use to enroll into this instance."},
		},
	}
}

// Read reads the instance, suspended or not.
func (d *InstanceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config instanceDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := config.ID.ValueString()
	inst, err := api.GetInstance(ctx, id)
	if err != nil {
		if httpclient.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), fmt.Sprintf("Cyrisma instance %q not found", id),
				"Cyrisma reports no instance with this ID: it does not exist, or it is still being provisioned.")
			return
		}
		resp.Diagnostics.AddError("Could not read the Cyrisma instance", err.Error())
		return
	}
	model := instanceDataModel{
		instanceEntryModel: entryOf(inst),
		Suspended:          types.BoolValue(inst.Suspended()),
		AgentKey:           types.StringValue(inst.AgentKey),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
