package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// redirectURIModel holds the attributes a redirect URI has in the resource
// and the data sources.
type redirectURIModel struct {
	ID          types.String `tfsdk:"id"`
	Environment types.String `tfsdk:"environment"`
	URI         types.String `tfsdk:"uri"`
	Default     types.Bool   `tfsdk:"default"`
	InsertedAt  types.String `tfsdk:"inserted_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

// redirectURIFields maps API field names to attributes for error diagnostics.
var redirectURIFields = fwkit.FieldPaths{
	"uri":     path.Root("uri"),
	"default": path.Root("default"),
}

// flattenRedirectURI returns the model of an API redirect URI.
func flattenRedirectURI(u *cryptr.RedirectURI) redirectURIModel {
	return redirectURIModel{
		ID:          types.StringValue(u.ID),
		Environment: fwkit.StringOrNull(u.Environment),
		URI:         types.StringValue(u.URI),
		Default:     types.BoolValue(u.Default),
		InsertedAt:  fwkit.StringOrNull(u.InsertedAt),
		UpdatedAt:   fwkit.StringOrNull(u.UpdatedAt),
	}
}

// expandRedirectURI returns the API input of a planned redirect URI.
func expandRedirectURI(m redirectURIModel) cryptr.RedirectURIInput {
	return cryptr.RedirectURIInput{URI: m.URI.ValueString(), Default: m.Default.ValueBool()}
}
