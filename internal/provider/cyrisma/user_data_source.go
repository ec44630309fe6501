package cyrisma

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// userDataAttributes is the schema of a user in the data sources, every
// attribute computed.
func userDataAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"id":          computed("User ID."),
		"instance_id": computed("ID of the organization instance the user belongs to."),
		"username":    computed("Username: the email address the user signs in with."),
		"first_name":  computed("First name."),
		"last_name":   computed("Last name."),
		"enabled":     schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user can sign in; `false` once disabled."},
	}
}

// UserDataSource reads one Cyrisma user by ID.
type UserDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*UserDataSource)(nil)

// NewUserDataSource returns the tenant_cyrisma_user data source.
func NewUserDataSource() datasource.DataSource {
	return &UserDataSource{fwkit.DataSourceBase{TypeSuffix: "cyrisma_user"}}
}

// Schema describes the data source.
func (d *UserDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := userDataAttributes()
	attrs["id"] = schema.StringAttribute{Required: true, MarkdownDescription: "ID of the user to read.", Validators: []validator.String{stringvalidator.LengthAtLeast(1), fwkit.NoSurroundingSpace()}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Cyrisma portal user by ID. Disabled users are found too, with `enabled = false`.",
		Attributes:          attrs,
	}
}

// Read reads the user; an unknown one is an error.
func (d *UserDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config userModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := config.ID.ValueString()
	u, err := api.GetUser(ctx, id)
	if err != nil {
		summary := "Could not read the Cyrisma user"
		if httpclient.IsNotFound(err) {
			summary = fmt.Sprintf("Cyrisma user %q not found", id)
		}
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	state := userModelOf(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// UsersDataSource lists the users of the partner account.
type UsersDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*UsersDataSource)(nil)

// NewUsersDataSource returns the tenant_cyrisma_users data source.
func NewUsersDataSource() datasource.DataSource {
	return &UsersDataSource{fwkit.DataSourceBase{TypeSuffix: "cyrisma_users"}}
}

type usersModel struct {
	InstanceID types.String `tfsdk:"instance_id"`
	Users      []userModel  `tfsdk:"users"`
}

// Schema describes the data source.
func (d *UsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the portal users of the partner account, in creation order, disabled ones included (with `enabled = false`).",
		Attributes: map[string]schema.Attribute{
			"instance_id": schema.StringAttribute{Optional: true, MarkdownDescription: "Keep only the users of this organization instance (not those of the organizations under it)."},
			"users": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The users.",
				NestedObject: schema.NestedAttributeObject{Attributes: userDataAttributes()},
			},
		},
	}
}

// Read lists the users and applies the filter.
func (d *UsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config usersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	users, err := api.ListUsers(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Cyrisma users", err.Error())
		return
	}
	config.Users = []userModel{}
	for i := range users {
		if config.InstanceID.IsNull() || users[i].InstanceID == config.InstanceID.ValueString() {
			config.Users = append(config.Users, userModelOf(&users[i]))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
