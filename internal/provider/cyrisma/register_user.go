package cyrisma

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// userResources lists the resources of Cyrisma portal users.
func userResources() []func() resource.Resource {
	return []func() resource.Resource{NewUserResource}
}

// userDataSources lists the data sources of Cyrisma portal users.
func userDataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewUserDataSource, NewUsersDataSource}
}
