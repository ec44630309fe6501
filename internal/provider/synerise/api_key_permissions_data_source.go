package synerise

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// apiKeyPermissionsModel is the state of tenant_synerise_api_key_permissions.
type apiKeyPermissionsModel struct {
	Permissions   types.Set    `tfsdk:"permissions"`
	Granted       types.Set    `tfsdk:"granted"`
	Missing       types.Set    `tfsdk:"missing"`
	WorkspaceName types.String `tfsdk:"workspace_name"`
}

// APIKeyPermissionsDataSource checks which permissions the workspace API key holds.
type APIKeyPermissionsDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*APIKeyPermissionsDataSource)(nil)

// NewAPIKeyPermissionsDataSource returns the tenant_synerise_api_key_permissions data source.
func NewAPIKeyPermissionsDataSource() datasource.DataSource {
	return &APIKeyPermissionsDataSource{fwkit.DataSourceBase{TypeSuffix: "synerise_api_key_permissions"}}
}

// Schema describes the data source.
func (d *APIKeyPermissionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Checks which of the given permissions the configured Synerise workspace API key holds (the API-key permission check), " +
			"so that a pipeline can fail early, before it changes anything, on a key that lacks some. It needs the workspace API-key mode " +
			"(`api_key` in the provider's `synerise` block): a user login has no API key to check.\n\n" +
			"The data source itself never fails on a missing permission: add a `postcondition` on `length(self.missing) == 0` in its " +
			"`lifecycle` block to stop the plan, or a `check` block to get a warning instead.",
		Attributes: map[string]schema.Attribute{
			"permissions": schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "Names of the permissions to check, such as `CATALOGS_CATALOG_READ`.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1), fwkit.NoSurroundingSpace()),
				},
			},
			"granted": schema.SetAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "The names of `permissions` the key holds.",
			},
			"missing": schema.SetAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "The names of `permissions` the key does not hold; empty when it holds them all.",
			},
			"workspace_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the key's workspace."},
		},
	}
}

// Read asks the API which permissions the key holds.
func (d *APIKeyPermissionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model apiKeyPermissionsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !api.UsesAPIKey() {
		resp.Diagnostics.AddError("tenant_synerise_api_key_permissions needs a workspace API key",
			"The provider's synerise block logs in as a user, and only a workspace API key has permissions to check: set api_key in the "+
				"synerise block (or the SYNERISE_API_KEY environment variable) instead of username and password.")
		return
	}
	var names []string
	resp.Diagnostics.Append(model.Permissions.ElementsAs(ctx, &names, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	slices.Sort(names)
	held, workspace, err := api.CheckPermissions(ctx, names)
	if err != nil {
		resp.Diagnostics.AddError("Could not check the Synerise API key's permissions", err.Error())
		return
	}
	granted, missing := []string{}, []string{}
	for _, name := range names {
		if held[name] {
			granted = append(granted, name)
		} else {
			missing = append(missing, name)
		}
	}
	model.Granted, diags = types.SetValueFrom(ctx, types.StringType, granted)
	resp.Diagnostics.Append(diags...)
	model.Missing, diags = types.SetValueFrom(ctx, types.StringType, missing)
	resp.Diagnostics.Append(diags...)
	model.WorkspaceName = types.StringValue(workspace)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
