package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	cryptrprovider "github.com/tenantops/terraform-provider-tenant/internal/provider/cryptr"
	cyrismaprovider "github.com/tenantops/terraform-provider-tenant/internal/provider/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
	syneriseprovider "github.com/tenantops/terraform-provider-tenant/internal/provider/synerise"
)

// TenantProvider is the tenant provider.
type TenantProvider struct {
	// version is the provider's release version, "dev" for local builds.
	version string
}

var (
	_ provider.ProviderWithFunctions          = (*TenantProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*TenantProvider)(nil)
)

// New returns a constructor of the provider for the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &TenantProvider{version: version} }
}

// Metadata names the provider.
func (p *TenantProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "tenant"
	resp.Version = p.version
}

// Configure resolves the settings and prepares one lazily built client per
// service. It neither logs in nor calls any API.
func (p *TenantProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	transport, err := resolveTransport(model)
	if err != nil {
		resp.Diagnostics.AddError("Invalid provider configuration", err.Error())
		return
	}
	shared := httpclient.Config{
		Timeout:          transport.timeout,
		MaxRetries:       transport.maxRetries,
		MaxRetryDuration: transport.maxRetryDuration,
		UserAgent:        userAgent(p.version, req.TerraformVersion),
	}
	data := &fwkit.ProviderData{
		Cryptr:        fwkit.NewLazyClient("Cryptr", func() (any, error) { return buildCryptr(model, shared) }),
		Cyrisma:       fwkit.NewLazyClient("Cyrisma", func() (any, error) { return buildCyrisma(model, shared) }),
		Synerise:      fwkit.NewLazyClient("Synerise", func() (any, error) { return buildSynerise(model, shared) }),
		AdoptExisting: transport.adoptExisting,
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
}

// Resources lists every resource of every service.
func (p *TenantProvider) Resources(context.Context) []func() resource.Resource {
	var all []func() resource.Resource
	all = append(all, cryptrprovider.Resources()...)
	all = append(all, cyrismaprovider.Resources()...)
	all = append(all, syneriseprovider.Resources()...)
	return all
}

// Functions lists the provider functions.
func (p *TenantProvider) Functions(context.Context) []func() function.Function {
	return cryptrprovider.Functions()
}

// DataSources lists every data source of every service.
func (p *TenantProvider) DataSources(context.Context) []func() datasource.DataSource {
	var all []func() datasource.DataSource
	all = append(all, cryptrprovider.DataSources()...)
	all = append(all, cyrismaprovider.DataSources()...)
	all = append(all, syneriseprovider.DataSources()...)
	return all
}

// EphemeralResources lists every ephemeral resource of every service.
func (p *TenantProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return syneriseprovider.EphemeralResources()
}

// userAgent names the provider, its version and the Terraform version.
func userAgent(version, terraformVersion string) string {
	return fmt.Sprintf("terraform-provider-tenant/%s (+https://registry.terraform.io/providers/tenantops/tenant) Terraform/%s", version, terraformVersion)
}
