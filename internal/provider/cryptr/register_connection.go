package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// connectionResources lists the resources of directory syncs and password, magic-link and TOTP connections.
func connectionResources() []func() resource.Resource { return nil }

// connectionDataSources lists the data sources of directory syncs and password, magic-link and TOTP connections.
func connectionDataSources() []func() datasource.DataSource { return nil }
