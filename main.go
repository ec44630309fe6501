// Command terraform-provider-tenant serves the tenant Terraform provider
// (protocol 6) at registry.terraform.io/tenantops/tenant.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/tenantops/terraform-provider-tenant/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()

	provider.QuietLogsUnlessAsked()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/tenantops/tenant",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
