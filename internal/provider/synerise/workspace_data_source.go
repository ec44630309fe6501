package synerise

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/synerise"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// WorkspaceDataSource reads the workspace the provider is authenticated to,
// or one of the user's workspaces by UUID.
type WorkspaceDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*WorkspaceDataSource)(nil)

// NewWorkspaceDataSource returns the tenant_synerise_workspace data source.
func NewWorkspaceDataSource() datasource.DataSource {
	return &WorkspaceDataSource{fwkit.DataSourceBase{TypeSuffix: "synerise_workspace"}}
}

var uuidRegexp = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Schema describes the data source.
func (d *WorkspaceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := workspaceAttributes()
	attrs["uuid"] = schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "UUID of the workspace to read. Without it, the current workspace is read: the one the API key belongs to, or the one selected with `workspace_uuid` after a user login. " +
			"With a user login, any workspace the user can access can be read (it is looked up in the user's list). A workspace API key can only read its own workspace: any other UUID is an error.",
		Validators: []validator.String{stringvalidator.RegexMatches(uuidRegexp, "must be a UUID")},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Synerise workspace (business profile): the current one, or one of the user's workspaces by `uuid`.",
		Attributes:          attrs,
	}
}

// Read reads the current workspace, or the one named by uuid.
func (d *WorkspaceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config workspaceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	wanted := config.UUID.ValueString()
	var model workspaceModel
	if wanted == "" || api.UsesAPIKey() {
		current, diags := currentWorkspace(ctx, api)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		model = workspaceFromCurrent(current)
		if wanted != "" && !strings.EqualFold(wanted, current.Data.GUID) {
			resp.Diagnostics.AddAttributeError(pathUUID, "A workspace API key can only read its own workspace",
				fmt.Sprintf("uuid is %s, but the configured API key belongs to workspace %s (%q). Remove uuid to read the key's workspace, or authenticate as a user who can access %s.",
					wanted, current.Data.GUID, current.Data.Name, wanted))
			return
		}
	} else {
		found, diags := listedWorkspace(ctx, api, wanted)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		model = workspaceFromList(*found)
	}
	if wanted != "" {
		model.UUID = types.StringValue(wanted) // as configured, whatever its case
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// listedWorkspace finds uuid in the user's workspaces.
func listedWorkspace(ctx context.Context, api *synerise.Client, uuid string) (*synerise.Workspace, diag.Diagnostics) {
	var diags diag.Diagnostics
	list, err := api.ListWorkspaces(ctx)
	if err != nil {
		diags.AddError("Could not list the Synerise workspaces", err.Error())
		return nil, diags
	}
	names := make([]string, 0, len(list))
	for i, w := range list {
		if strings.EqualFold(w.GUID, uuid) {
			return &list[i], diags
		}
		names = append(names, fmt.Sprintf("%s (%s)", w.GUID, w.Name))
	}
	diags.AddAttributeError(pathUUID, "Synerise workspace not found",
		fmt.Sprintf("The user cannot access workspace %s. The user's workspaces are: %s.", uuid, strings.Join(names, ", ")))
	return nil, diags
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
			"The user logged in but no workspace is selected: set workspace_uuid in the provider's synerise block or the SYNERISE_WORKSPACE_UUID environment variable, or set uuid on the data source to read one of the user's workspaces.")
		return nil, diags
	}
	return current, diags
}
