package cryptr_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

func TestAccCryptrRedirectURIDataSources(t *testing.T) {
	env := acctest.NewEnv(t)
	// Made in the console, not by Terraform.
	for i := range 3 {
		status, body := env.Cryptr(t, http.MethodPost, "/api/v2/redirect-uris", url.Values{"uri": {fmt.Sprintf("https://console%d.example.com/cb", i)}})
		acctest.MustStatus(t, "seed", status, body, http.StatusCreated)
	}
	const one, all = "data.tenant_cryptr_redirect_uri.app", "data.tenant_cryptr_redirect_uris.all"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(redirectConfig("app", "https://app.example.com/callback", true), `
data "tenant_cryptr_redirect_uri" "app" {
  id = tenant_cryptr_redirect_uri.app.id
}
data "tenant_cryptr_redirect_uris" "all" {
  depends_on = [tenant_cryptr_redirect_uri.app]
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(one, tfjsonpath.New("uri"), knownvalue.StringExact("https://app.example.com/callback")),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("default"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("environment"), knownvalue.StringExact("sandbox")),
					statecheck.CompareValuePairs(one, tfjsonpath.New("inserted_at"), redirectAddr, tfjsonpath.New("inserted_at"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("redirect_uris"), knownvalue.ListSizeExact(4)),
					// Newest first.
					statecheck.ExpectKnownValue(all, tfjsonpath.New("redirect_uris").AtSliceIndex(0).AtMapKey("uri"), knownvalue.StringExact("https://app.example.com/callback")),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("redirect_uris").AtSliceIndex(3).AtMapKey("uri"), knownvalue.StringExact("https://console0.example.com/cb")),
				},
			},
			{
				Config:      env.Config(`data "tenant_cryptr_redirect_uri" "x" { id = "00000000-0000-4000-8000-000000000000" }`),
				ExpectError: regexp.MustCompile(`Cryptr redirect URI "00000000-0000-4000-8000-000000000000" not found`),
			},
		},
	})
}
