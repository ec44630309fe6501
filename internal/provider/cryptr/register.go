package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// Resources lists the Cryptr resources.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewOrganizationResource}
}

// DataSources lists the Cryptr data sources.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewOrganizationDataSource, NewOrganizationsDataSource}
}

// client returns the Cryptr client, or a diagnostic naming what is missing.
func client(data *fwkit.ProviderData) (*cryptr.Client, diag.Diagnostics) {
	if data == nil {
		return fwkit.ClientOf[*cryptr.Client](nil)
	}
	return fwkit.ClientOf[*cryptr.Client](data.Cryptr)
}
