package cryptr_test

import (
	"encoding/json"
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

// seedWebhook creates a webhook through the API, as in the console, and
// returns its id.
func seedWebhook(t *testing.T, env *acctest.Env, name, target string, codes ...string) string {
	t.Helper()
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/webhooks", url.Values{"name": {name}, "target_url": {target}, "event_codes[]": codes})
	acctest.MustStatus(t, "seed webhook "+name, status, body, http.StatusCreated)
	var out struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out.ID
}

func TestAccCryptrWebhookDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	id := seedWebhook(t, env, "Console hook", "https://hooks.example.com/console", "dir_sync.all", "sso_saml.tokens_generated")
	seedWebhook(t, env, "Second", "https://hooks.example.com/second", "all")
	const one, all = "data.tenant_cryptr_webhook.one", "data.tenant_cryptr_webhooks.all"
	config := env.Config(fmt.Sprintf(`
data "tenant_cryptr_webhook" "one" {
  id = %q
}

data "tenant_cryptr_webhooks" "all" {}
`, id))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(one, tfjsonpath.New("name"), knownvalue.StringExact("Console hook")),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("target_url"), knownvalue.StringExact("https://hooks.example.com/console")),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("event_codes"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("dir_sync.all"), knownvalue.StringExact("sso_saml.tokens_generated"),
					})),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("environment"), knownvalue.StringExact("sandbox")),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("signature_key"), knownvalue.StringRegexp(signatureKeyPattern)),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("webhooks"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("webhooks").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Second")),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("webhooks").AtSliceIndex(1).AtMapKey("id"), knownvalue.StringExact(id)),
				},
			},
			{ // A change in the console shows at the next refresh.
				PreConfig: func() {
					status, body := env.Cryptr(t, http.MethodPut, "/api/v2/webhooks/"+id, url.Values{"target_url": {"https://hooks.example.com/moved"}})
					acctest.MustStatus(t, "out-of-band update", status, body, http.StatusOK)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(one, tfjsonpath.New("target_url"), knownvalue.StringExact("https://hooks.example.com/moved")),
				},
			},
		},
	})
}

func TestAccCryptrWebhookDataSource_unknownID(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(`data "tenant_cryptr_webhook" "x" { id = "webhook_nope" }`),
			ExpectError: regexp.MustCompile(`Cryptr webhook "webhook_nope" not found`),
		}},
	})
}
