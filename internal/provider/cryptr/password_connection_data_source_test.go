package cryptr_test

import (
	"fmt"
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

func TestAccCryptrPasswordConnectionDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Initech")
	const ds = "data.tenant_cryptr_password_connection.pw"
	config := env.Config(fmt.Sprintf(`data "tenant_cryptr_password_connection" "pw" { organization_domain = %q }`, domain))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{ // An organization has no password connection until one is created.
				Config:      config,
				ExpectError: regexp.MustCompile(`Cryptr password connection of organization "initech" not found`),
			},
			{
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/password-connection",
						url.Values{"plain_text_min_length": {"14"}, "forgot_password_template_id": {connTemplate}})
					acctest.MustStatus(t, "seed", status, body, http.StatusCreated)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("plain_text_min_length"), knownvalue.Int64Exact(14)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("plain_text_max_length"), knownvalue.Int64Exact(40)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("pepper_rotation_period"), knownvalue.Int64Exact(86400)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("forgot_password_template_id"), knownvalue.StringExact(connTemplate)),
				},
			},
		},
	})
}
