package synerise

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// allowlistResources lists the IP allowlist resource.
func allowlistResources() []func() resource.Resource {
	return []func() resource.Resource{NewIPAllowlistResource}
}

// allowlistDataSources lists the API-key permission data source.
func allowlistDataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewAPIKeyPermissionsDataSource}
}
