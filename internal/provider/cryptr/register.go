package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// Resources lists the Cryptr resources.
func Resources() []func() resource.Resource {
	all := []func() resource.Resource{NewOrganizationResource}
	for _, group := range []func() []func() resource.Resource{ssoResources, connectionResources, peopleResources, webhookResources} {
		all = append(all, group()...)
	}
	return all
}

// DataSources lists the Cryptr data sources.
func DataSources() []func() datasource.DataSource {
	all := []func() datasource.DataSource{NewOrganizationDataSource, NewOrganizationsDataSource}
	for _, group := range []func() []func() datasource.DataSource{ssoDataSources, connectionDataSources, peopleDataSources, webhookDataSources} {
		all = append(all, group()...)
	}
	return all
}

// Functions lists the Cryptr provider functions.
func Functions() []func() function.Function {
	return []func() function.Function{NewDomainFunction}
}

// client returns the Cryptr client, or a diagnostic naming what is missing.
func client(data *fwkit.ProviderData) (*cryptr.Client, diag.Diagnostics) {
	if data == nil {
		return fwkit.ClientOf[*cryptr.Client](nil)
	}
	return fwkit.ClientOf[*cryptr.Client](data.Cryptr)
}
