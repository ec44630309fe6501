package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ssoResources lists the resources of SSO connections and redirect URIs.
func ssoResources() []func() resource.Resource {
	return []func() resource.Resource{NewSSOConnectionResource, NewRedirectURIResource}
}

// ssoDataSources lists the data sources of SSO connections and redirect URIs.
func ssoDataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewSSOConnectionDataSource, NewSSOConnectionsDataSource,
		NewRedirectURIDataSource, NewRedirectURIsDataSource,
	}
}
