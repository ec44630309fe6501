package cyrisma

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// userModel is a user in the resource and the data sources.
type userModel struct {
	ID         types.String `tfsdk:"id"`
	InstanceID types.String `tfsdk:"instance_id"`
	Username   types.String `tfsdk:"username"`
	FirstName  types.String `tfsdk:"first_name"`
	LastName   types.String `tfsdk:"last_name"`
	Enabled    types.Bool   `tfsdk:"enabled"`
}

// userFields maps API field names to attributes for error diagnostics.
var userFields = fwkit.FieldPaths{
	"instance_id": path.Root("instance_id"),
	"username":    path.Root("username"),
	"first_name":  path.Root("first_name"),
	"last_name":   path.Root("last_name"),
}

// userModelOf returns the model of a user as the API reports it.
func userModelOf(u *cyrisma.User) userModel {
	return userModel{
		ID:         types.StringValue(u.ID),
		InstanceID: types.StringValue(u.InstanceID),
		Username:   types.StringValue(u.Username),
		FirstName:  types.StringValue(u.FirstName),
		LastName:   types.StringValue(u.LastName),
		Enabled:    types.BoolValue(u.IsEnabled()),
	}
}

// createInput returns the create request of a planned user.
func (m *userModel) createInput() cyrisma.CreateUserInput {
	return cyrisma.CreateUserInput{
		InstanceID: m.InstanceID.ValueString(),
		Username:   m.Username.ValueString(),
		FirstName:  m.FirstName.ValueString(),
		LastName:   m.LastName.ValueString(),
	}
}

// enabledAgain plans `enabled` of a user. A new user is always enabled. A
// user recorded as disabled (disabled outside Terraform) is planned back to
// enabled, which requires a new user: Cyrisma has no call to enable a user
// again. Otherwise the recorded value is kept.
func enabledAgain() planmodifier.Bool { return enabledAgainModifier{} }

type enabledAgainModifier struct{}

const enabledAgainDescription = "A new user is enabled. A user disabled outside Terraform is planned back to enabled, which replaces it: Cyrisma cannot enable a user again."

func (enabledAgainModifier) Description(context.Context) string { return enabledAgainDescription }

func (enabledAgainModifier) MarkdownDescription(context.Context) string {
	return enabledAgainDescription
}

func (enabledAgainModifier) PlanModifyBool(_ context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	switch {
	case req.Plan.Raw.IsNull(): // destroy
	case req.State.Raw.IsNull(): // create
		resp.PlanValue = types.BoolValue(true)
	case req.StateValue.IsNull() || req.StateValue.IsUnknown():
	case !req.StateValue.ValueBool():
		resp.PlanValue = types.BoolValue(true)
		resp.RequiresReplace = true
	default:
		resp.PlanValue = req.StateValue
	}
}
