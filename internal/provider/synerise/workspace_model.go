package synerise

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/synerise"
)

// workspaceModel is a workspace as both data sources show it.
type workspaceModel struct {
	UUID         types.String `tfsdk:"uuid"`
	ID           types.Int64  `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Logo         types.String `tfsdk:"logo"`
	Created      types.String `tfsdk:"created"`
	Subdomain    types.String `tfsdk:"subdomain"`
	IPRestricted types.Bool   `tfsdk:"ip_restricted"`
	MFARequired  types.Bool   `tfsdk:"mfa_required"`
}

// workspaceAttributes is the schema fragment of a workspace.
func workspaceAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"uuid":          computed("Workspace (business profile) UUID."),
		"id":            schema.Int64Attribute{Computed: true, MarkdownDescription: "Numeric workspace ID."},
		"name":          computed("Name."),
		"logo":          computed("Logo URL."),
		"created":       computed("Creation time (RFC 3339)."),
		"subdomain":     computed("Subdomain."),
		"ip_restricted": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether access is restricted to an IP allowlist."},
		"mfa_required":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether users must use multi-factor authentication."},
	}
}

func workspaceFromList(w synerise.Workspace) workspaceModel {
	return workspaceModel{
		UUID: types.StringValue(w.GUID), ID: types.Int64Value(w.ID), Name: types.StringValue(w.Name),
		Logo: types.StringValue(w.Logo), Created: types.StringValue(w.Created), Subdomain: types.StringValue(w.Subdomain),
		IPRestricted: types.BoolValue(w.IPRestricted), MFARequired: types.BoolValue(w.MFARequired),
	}
}

// workspaceFromCurrent converts the current-workspace answer, whose
// restrictions are "ON"/"OFF" strings rather than booleans.
func workspaceFromCurrent(c *synerise.CurrentWorkspace) workspaceModel {
	d := c.Data
	return workspaceModel{
		UUID: types.StringValue(d.GUID), ID: types.Int64Value(d.ID), Name: types.StringValue(d.Name),
		Logo: types.StringValue(d.Logo), Created: types.StringValue(d.Created), Subdomain: types.StringValue(d.Subdomain),
		IPRestricted: types.BoolValue(d.IPRestriction != "" && d.IPRestriction != "OFF"),
		MFARequired:  types.BoolValue(d.MFARestriction != "" && d.MFARestriction != "OFF"),
	}
}
