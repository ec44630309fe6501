package synerise

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// WorkspacesDataSource lists the workspaces the provider can reach.
type WorkspacesDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*WorkspacesDataSource)(nil)

// NewWorkspacesDataSource returns the tenant_synerise_workspaces data source.
func NewWorkspacesDataSource() datasource.DataSource {
	return &WorkspacesDataSource{fwkit.DataSourceBase{TypeSuffix: "synerise_workspaces"}}
}

type workspacesModel struct {
	Workspaces []workspaceModel `tfsdk:"workspaces"`
}

// Schema describes the data source.
func (d *WorkspacesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists Synerise workspaces. With a user login it lists every workspace the user can access. " +
			"A workspace API key can only see its own workspace (Synerise refuses workspace tokens on the user's list), so with an API key the list holds that one workspace.",
		Attributes: map[string]schema.Attribute{
			"workspaces": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The workspaces.",
				NestedObject: schema.NestedAttributeObject{Attributes: workspaceAttributes()},
			},
		},
	}
}

// Read lists the workspaces.
func (d *WorkspacesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	model := workspacesModel{Workspaces: []workspaceModel{}}
	if api.UsesAPIKey() {
		current, diags := currentWorkspace(ctx, api)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		model.Workspaces = append(model.Workspaces, workspaceFromCurrent(current))
	} else {
		list, err := api.ListWorkspaces(ctx)
		if err != nil {
			resp.Diagnostics.AddError("Could not list the Synerise workspaces", err.Error())
			return
		}
		for _, w := range list {
			model.Workspaces = append(model.Workspaces, workspaceFromList(w))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
