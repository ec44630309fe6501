package synerise

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tenantops/terraform-provider-tenant/internal/client/synerise"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// WorkspaceDataSource reads the workspace the provider is authenticated to.
type WorkspaceDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*WorkspaceDataSource)(nil)

// NewWorkspaceDataSource returns the tenant_synerise_workspace data source.
func NewWorkspaceDataSource() datasource.DataSource {
	return &WorkspaceDataSource{fwkit.DataSourceBase{TypeSuffix: "synerise_workspace"}}
}

// Schema describes the data source.
func (d *WorkspaceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the current Synerise workspace: the one the API key belongs to, or the one selected with `workspace_uuid` after a user login.",
		Attributes:          workspaceAttributes(),
	}
}

// Read reads the current workspace.
func (d *WorkspaceDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	current, diags := currentWorkspace(ctx, api)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	model := workspaceFromCurrent(current)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// currentWorkspace reads the selected workspace, with a diagnostic when none is.
func currentWorkspace(ctx context.Context, api *synerise.Client) (*synerise.CurrentWorkspace, diag.Diagnostics) {
	var diags diag.Diagnostics
	current, err := api.GetCurrentWorkspace(ctx)
	if err != nil {
		diags.AddError("Could not read the current Synerise workspace", err.Error())
		return nil, diags
	}
	if !current.Selected || current.Data == nil {
		diags.AddError("No Synerise workspace selected",
			"The user logged in but no workspace is selected: set workspace_uuid in the provider's synerise block or the SYNERISE_WORKSPACE_UUID environment variable.")
		return nil, diags
	}
	return current, diags
}
