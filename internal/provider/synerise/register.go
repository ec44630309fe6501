package synerise

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tenantops/terraform-provider-tenant/internal/client/synerise"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// Resources lists the Synerise resources.
func Resources() []func() resource.Resource { return allowlistResources() }

// DataSources lists the Synerise data sources.
func DataSources() []func() datasource.DataSource {
	return append([]func() datasource.DataSource{NewWorkspacesDataSource, NewWorkspaceDataSource}, allowlistDataSources()...)
}

// EphemeralResources lists the Synerise ephemeral resources.
func EphemeralResources() []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{NewWorkspaceTokenEphemeralResource}
}

// client returns the Synerise client, or a diagnostic naming what is missing.
func client(data *fwkit.ProviderData) (*synerise.Client, diag.Diagnostics) {
	if data == nil {
		return fwkit.ClientOf[*synerise.Client](nil)
	}
	return fwkit.ClientOf[*synerise.Client](data.Synerise)
}
