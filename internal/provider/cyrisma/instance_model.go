package cyrisma

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// mfaMethods maps the provider's MFA method names to the API's codes.
var mfaMethods = map[string]string{
	"none":          cyrisma.MFANone,
	"email":         cyrisma.MFAEmail,
	"authenticator": cyrisma.MFAAuthenticator,
}

// mfaMethodName returns the name of an API MFA code; an unknown code is kept
// as it is so that a plan shows it.
func mfaMethodName(code string) string {
	if code == "" {
		return "none"
	}
	for name, c := range mfaMethods {
		if c == code {
			return name
		}
	}
	return code
}

// instanceModel is the state of a tenant_cyrisma_instance.
type instanceModel struct {
	ID                types.String   `tfsdk:"id"`
	ParentInstanceID  types.String   `tfsdk:"parent_instance_id"`
	InstanceType      types.String   `tfsdk:"instance_type"`
	Name              types.String   `tfsdk:"name"`
	ShortName         types.String   `tfsdk:"short_name"`
	Country           types.String   `tfsdk:"country"`
	Email             types.String   `tfsdk:"email"`
	TenantID          types.String   `tfsdk:"tenant_id"`
	Street            types.String   `tfsdk:"street"`
	City              types.String   `tfsdk:"city"`
	State             types.String   `tfsdk:"state"`
	Postal            types.String   `tfsdk:"postal"`
	Managed           types.Bool     `tfsdk:"managed"`
	Suspended         types.Bool     `tfsdk:"suspended"`
	MFAMethod         types.String   `tfsdk:"mfa_method"`
	AgentKey          types.String   `tfsdk:"agent_key"`
	URL               types.String   `tfsdk:"url"`
	Hierarchy         types.String   `tfsdk:"hierarchy"`
	NumberOfEndpoints types.Int64    `tfsdk:"number_of_endpoints"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

// instanceFields maps API field names to attributes for error diagnostics.
var instanceFields = fwkit.FieldPaths{
	"parent_instance_id": path.Root("parent_instance_id"),
	"instance_type":      path.Root("instance_type"),
	"is_consulting":      path.Root("managed"),
	"name":               path.Root("name"),
	"short_name":         path.Root("short_name"),
	"country":            path.Root("country"),
	"email":              path.Root("email"),
	"mfa_type":           path.Root("mfa_method"),
	"tenant_id":          path.Root("tenant_id"),
	"street":             path.Root("street"),
	"city":               path.Root("city"),
	"state":              path.Root("state"),
	"postal":             path.Root("postal"),
}

// applyInstance copies what the API reports into m. Country, email and the
// address are not part of the API's answers, so they keep their configured
// values. The API reports tenant_id, but an empty one is taken as "not
// reported": the configured value (or null) is kept.
func (m *instanceModel) applyInstance(inst *cyrisma.Instance) {
	m.ID = types.StringValue(inst.InstanceID)
	m.ParentInstanceID = types.StringValue(inst.ParentID)
	m.InstanceType = types.StringValue(inst.InstanceType)
	m.Name = types.StringValue(inst.Name)
	m.ShortName = types.StringValue(inst.ShortName)
	m.Managed = types.BoolValue(!inst.IsConsulting)
	m.Suspended = types.BoolValue(inst.Suspended())
	m.MFAMethod = types.StringValue(mfaMethodName(inst.MFA))
	m.AgentKey = types.StringValue(inst.AgentKey)
	m.URL = types.StringValue(inst.URL)
	m.Hierarchy = types.StringValue(inst.Hierarchy)
	m.NumberOfEndpoints = types.Int64Value(int64(inst.NumberOfEndpoints))
	switch {
	case inst.TenantID != "":
		m.TenantID = types.StringValue(inst.TenantID)
	case m.TenantID.IsUnknown():
		m.TenantID = types.StringNull()
	}
}

// createInput returns the provisioning request of a planned instance.
func (m *instanceModel) createInput() cyrisma.CreateInstanceInput {
	return cyrisma.CreateInstanceInput{
		InstanceType:     m.InstanceType.ValueString(),
		IsConsulting:     !m.Managed.ValueBool(),
		ParentInstanceID: m.ParentInstanceID.ValueString(),
		Name:             m.Name.ValueString(),
		ShortName:        m.ShortName.ValueString(),
		Country:          m.Country.ValueString(),
		Email:            m.Email.ValueString(),
		MFAType:          mfaMethods[m.MFAMethod.ValueString()],
		TenantID:         m.TenantID.ValueString(),
		Street:           m.Street.ValueString(),
		City:             m.City.ValueString(),
		State:            m.State.ValueString(),
		Postal:           m.Postal.ValueString(),
	}
}

// replaces reports whether planning m over state changes a create-only
// attribute, so that the instance is replaced rather than updated. Values
// the state does not hold yet (country, email and the address after an
// import) do not count.
func (m *instanceModel) replaces(state *instanceModel) bool {
	changed := func(planned, current types.String) bool {
		return !current.IsNull() && !planned.IsUnknown() && planned.ValueString() != current.ValueString()
	}
	return changed(m.ParentInstanceID, state.ParentInstanceID) || changed(m.InstanceType, state.InstanceType) ||
		changed(m.Name, state.Name) || changed(m.ShortName, state.ShortName) ||
		changed(m.Country, state.Country) || changed(m.Email, state.Email) || changed(m.TenantID, state.TenantID) ||
		changed(m.Street, state.Street) || changed(m.City, state.City) || changed(m.State, state.State) || changed(m.Postal, state.Postal)
}
