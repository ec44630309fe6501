package synerise

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
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

// pathUUID is the uuid attribute, for diagnostics.
var pathUUID = path.Root("uuid")

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
		"ip_restricted": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether access is restricted to an IP allowlist: the list's `ipRestricted`, or, for the current workspace, its `ipRestriction` (any value but `OFF` counts as restricted)."},
		"mfa_required":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether users must use multi-factor authentication: the list's `mfaRequired`, or, for the current workspace, its `mfaRestriction` (any value but `OFF` counts as required)."},
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
		IPRestricted: types.BoolValue(restrictionOn(d.IPRestriction)),
		MFARequired:  types.BoolValue(restrictionOn(d.MFARestriction)),
	}
}

// restrictionOn maps the current workspace's restriction enum to the list's
// boolean. Only "OFF" is documented; anything else but an absent value
// counts as on, so that both data sources say the same of one workspace.
func restrictionOn(value string) bool {
	return value != "" && !strings.EqualFold(value, "OFF")
}
