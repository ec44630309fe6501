package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ssoResources lists the resources of SSO connections and redirect URIs.
func ssoResources() []func() resource.Resource { return nil }

// ssoDataSources lists the data sources of SSO connections and redirect URIs.
func ssoDataSources() []func() datasource.DataSource { return nil }
