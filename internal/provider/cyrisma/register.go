package cyrisma

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// Resources lists the Cyrisma resources: instances, and the portal users
// of register_user.go.
func Resources() []func() resource.Resource {
	return append([]func() resource.Resource{NewInstanceResource}, userResources()...)
}

// DataSources lists the Cyrisma data sources: instances, and the portal
// users of register_user.go.
func DataSources() []func() datasource.DataSource {
	return append([]func() datasource.DataSource{NewInstanceDataSource, NewInstancesDataSource}, userDataSources()...)
}

// client returns the Cyrisma client, or a diagnostic naming what is missing.
func client(data *fwkit.ProviderData) (*cyrisma.Client, diag.Diagnostics) {
	if data == nil {
		return fwkit.ClientOf[*cyrisma.Client](nil)
	}
	return fwkit.ClientOf[*cyrisma.Client](data.Cyrisma)
}
