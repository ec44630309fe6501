package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// peopleResources lists the resources of admins and users.
func peopleResources() []func() resource.Resource {
	return []func() resource.Resource{NewAdminResource, NewUserResource}
}

// peopleDataSources lists the data sources of admins and users.
func peopleDataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewAdminDataSource, NewAdminsDataSource, NewUserDataSource, NewUsersDataSource}
}
