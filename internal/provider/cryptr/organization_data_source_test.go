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

func TestAccCryptrOrganizationDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	// The organization is made in the console, not by Terraform.
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/organizations", url.Values{"name": {"Globex Corp"}, "allowed_email_domains[]": {"globex.com"}})
	acctest.MustStatus(t, "seed", status, body, http.StatusCreated)
	config := env.Config(`
data "tenant_cryptr_organization" "by_domain" {
  domain = "globex-corp"
}
`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tenant_cryptr_organization.by_domain", tfjsonpath.New("name"), knownvalue.StringExact("Globex Corp")),
					statecheck.ExpectKnownValue("data.tenant_cryptr_organization.by_domain", tfjsonpath.New("allowed_email_domains"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("globex.com")})),
					statecheck.ExpectKnownValue("data.tenant_cryptr_organization.by_domain", tfjsonpath.New("environments"), knownvalue.ListSizeExact(2)),
				},
			},
			{ // A change in the console shows in the data source at the next refresh.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, "/api/v2/organizations/globex-corp", url.Values{"allowed_email_domains[]": {"globex.com", "globex.io"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tenant_cryptr_organization.by_domain", tfjsonpath.New("allowed_email_domains"), knownvalue.SetSizeExact(2)),
				},
			},
		},
	})
}

func TestAccCryptrOrganizationDataSource_unknownDomain(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(`data "tenant_cryptr_organization" "x" { domain = "no-such-org" }`),
			ExpectError: regexp.MustCompile(`Cryptr organization "no-such-org" not found`),
		}},
	})
}

func TestAccCryptrOrganizationsDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	// Seeded out of band; paging itself is proven by the client's unit tests.
	for _, name := range []string{"Initech", "Umbrella", "Hooli"} {
		status, body := env.Cryptr(t, http.MethodPost, "/api/v2/organizations", url.Values{"name": {name}})
		acctest.MustStatus(t, "seed "+name, status, body, http.StatusCreated)
	}
	const list = "data.tenant_cryptr_organizations.all"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{ // Plan-time validation names the attribute.
				Config:      env.Config(`data "tenant_cryptr_organizations" "all" { environment_statuses = ["sideways"] }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)environment_statuses.*value must be one of`),
			},
			{
				Config: env.Config(`data "tenant_cryptr_organizations" "all" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(list, tfjsonpath.New("organizations"), knownvalue.ListSizeExact(3)),
					// Newest first.
					statecheck.ExpectKnownValue(list, tfjsonpath.New("organizations").AtSliceIndex(0).AtMapKey("domain"), knownvalue.StringExact("hooli")),
				},
			},
			{ // Once provisioned every organization has an environment up; none is only down.
				Config: env.Config(`
resource "tenant_cryptr_organization" "acme" { name = "Wait For Provisioning" }
data "tenant_cryptr_organizations" "all" {
  environment_statuses = ["down"]
  depends_on           = [tenant_cryptr_organization.acme]
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(list, tfjsonpath.New("organizations"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}
