package cryptr_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

func TestAccCryptrSSOConnectionDataSources(t *testing.T) {
	env := acctest.NewEnv(t)
	// Connections made in the console, not by Terraform.
	for _, seed := range []struct{ name, provider string }{{"Globex", "saml.okta"}, {"Initech", "saml.adfs"}} {
		domain := ssoSeedOrg(t, env, seed.name)
		status, body := env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/sso-connection",
			url.Values{"provider_type": {seed.provider}, "number_users_provisioning_limit": {"7"}})
		acctest.MustStatus(t, "seed connection", status, body, http.StatusCreated)
	}
	ssoSeedOrg(t, env, "Without SSO")
	status, body := env.Cryptr(t, http.MethodPut, "/api/v2/org/globex/sso-connection", url.Values{"metadata": {ssoMetadataV1}})
	acctest.MustStatus(t, "seed metadata", status, body, http.StatusOK)
	const one, all = "data.tenant_cryptr_sso_connection.globex", "data.tenant_cryptr_sso_connections.all"
	config := env.Config(`
data "tenant_cryptr_sso_connection" "globex" {
  organization_domain = "globex"
}
data "tenant_cryptr_sso_connections" "all" {}
`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(one, tfjsonpath.New("provider_type"), knownvalue.StringExact("saml.okta")),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("number_users_provisioning_limit"), knownvalue.Int64Exact(7)),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("metadata_xml"), knownvalue.StringExact(ssoMetadataV1)),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("acs_url"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("sso_connections"), knownvalue.ListSizeExact(2)),
					// Newest first; every connection names its organization.
					statecheck.ExpectKnownValue(all, tfjsonpath.New("sso_connections").AtSliceIndex(0).AtMapKey("organization_domain"), knownvalue.StringExact("initech")),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("sso_connections").AtSliceIndex(1).AtMapKey("metadata_xml"), knownvalue.StringExact(ssoMetadataV1)),
				},
			},
			{ // A change in the console shows at the next refresh.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, "/api/v2/org/globex/sso-connection", url.Values{"active": {"false"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(one, tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("sso_connections").AtSliceIndex(1).AtMapKey("active"), knownvalue.Bool(false)),
				},
			},
			{
				Config:      env.Config(`data "tenant_cryptr_sso_connection" "x" { organization_domain = "without-sso" }`),
				ExpectError: regexp.MustCompile(`Cryptr organization "without-sso" has no SSO connection`),
			},
		},
	})
}
