package provider

import "github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"

func sharedForTest() httpclient.Config { return httpclient.Config{UserAgent: "test"} }
