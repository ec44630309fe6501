package cryptr_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

func TestAccCryptrTOTPConnectionDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	domain := connSeedOrg(t, env, "Umbrella")
	const ds = "data.tenant_cryptr_totp_connection.otp"
	config := env.Config(fmt.Sprintf(`data "tenant_cryptr_totp_connection" "otp" { organization_domain = %q }`, domain))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{ // Every organization has one, deactivated, with the documented defaults.
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("method"), knownvalue.StringExact("totp_mobile_app")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("expiry_in_seconds"), knownvalue.Int64Exact(30)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact(domain)),
				},
			},
			{
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPost, "/api/v2/org/"+domain+"/totp-connection", url.Values{"active": {"true"}, "method": {"sms"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusCreated)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("method"), knownvalue.StringExact("sms")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("expiry_in_seconds"), knownvalue.Int64Exact(600)),
				},
			},
		},
	})
}
