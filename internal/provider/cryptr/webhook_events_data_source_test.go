package cryptr_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// webhookReceiver is a loopback target that answers status; the emulator
// delivers to loopback targets and sets the event state from the answer.
func webhookReceiver(t *testing.T, status int) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(status) }))
	t.Cleanup(srv.Close)
	return srv.URL + "/cryptr"
}

// triggerTestEvent makes Cryptr send a test event of code, out of band.
func triggerTestEvent(t *testing.T, env *acctest.Env, code string) {
	t.Helper()
	status, body := env.Cryptr(t, http.MethodPost, "/api/v2/webhook-events/trigger-test", url.Values{"event_code": {code}})
	acctest.MustStatus(t, "trigger "+code, status, body, http.StatusOK)
}

func TestAccCryptrWebhookEventsDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	ok := seedWebhook(t, env, "ok", webhookReceiver(t, http.StatusOK), "dir_sync.all")
	seedWebhook(t, env, "gone", webhookReceiver(t, http.StatusGone), "dir_sync.user.provision.success")
	broken := seedWebhook(t, env, "broken", webhookReceiver(t, http.StatusInternalServerError), "all")
	seedWebhook(t, env, "sso only", "https://hooks.example.com/never-called", "sso_saml.all")
	triggerTestEvent(t, env, "dir_sync.user.provision.success") // ok → completed, gone → cancelled, broken → retryable
	triggerTestEvent(t, env, "sso_saml.tokens_generated")       // broken → retryable, sso only → available (never attempted)

	const base = "data.tenant_cryptr_webhook_events."
	config := env.Config(`
data "tenant_cryptr_webhook_events" "all" {}

data "tenant_cryptr_webhook_events" "completed" {
  states = ["completed"]
}

data "tenant_cryptr_webhook_events" "sso" {
  event_codes = ["sso_saml.tokens_generated"]
}

data "tenant_cryptr_webhook_events" "provision_done" {
  states      = ["completed", "cancelled"]
  event_codes = ["dir_sync.user.provision.success"]
}
`)
	state := func(name string, i int) tfjsonpath.Path {
		return tfjsonpath.New("events").AtSliceIndex(i).AtMapKey(name)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			// Plan-time validation names the attribute (wildcards are no event codes).
			{
				Config:      env.Config(`data "tenant_cryptr_webhook_events" "bad" { states = ["lost"] }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)states.*value must be one of`),
			},
			{
				Config:      env.Config(`data "tenant_cryptr_webhook_events" "bad" { event_codes = ["all"] }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)event_codes.*value must be one of`),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(base+"all", tfjsonpath.New("events"), knownvalue.ListSizeExact(5)),
					statecheck.ExpectKnownValue(base+"completed", tfjsonpath.New("events"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"webhook_id": knownvalue.StringExact(ok), "event_code": knownvalue.StringExact("dir_sync.user.provision.success"),
							"state": knownvalue.StringExact("completed"), "attempt": knownvalue.Int64Exact(1), "max_attempts": knownvalue.Int64Exact(5),
							"completed_at": knownvalue.NotNull(), "cancelled_at": knownvalue.Null(), "environment": knownvalue.StringExact("sandbox"),
							"data_json": knownvalue.StringRegexp(regexp.MustCompile(`"__type__":"DirectorySyncEvent"`)),
						}),
					})),
					statecheck.ExpectKnownValue(base+"sso", tfjsonpath.New("events"), knownvalue.ListSizeExact(2)),
					// Newest first: the second trigger made broken's event last.
					statecheck.ExpectKnownValue(base+"sso", state("webhook_id", 0), knownvalue.StringExact(broken)),
					statecheck.ExpectKnownValue(base+"sso", state("state", 0), knownvalue.StringExact("retryable")),
					statecheck.ExpectKnownValue(base+"sso", state("state", 1), knownvalue.StringExact("available")),
					statecheck.ExpectKnownValue(base+"sso", state("attempt", 1), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(base+"sso", state("attempted_at", 1), knownvalue.Null()),
					statecheck.ExpectKnownValue(base+"provision_done", tfjsonpath.New("events"), knownvalue.ListSizeExact(2)),
				},
			},
			{ // Cancelled in the console: the next read shows it.
				PreConfig: func() {
					id := firstEventID(t, env, "q[event_code_in][]=sso_saml.tokens_generated&q[state_in][]=retryable")
					status, body := env.Cryptr(t, http.MethodPost, fmt.Sprintf("/api/v2/webhook-events/%d/cancel", id), nil)
					acctest.MustStatus(t, "out-of-band cancel", status, body, http.StatusOK)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(base+"sso", state("state", 0), knownvalue.StringExact("cancelled")),
					statecheck.ExpectKnownValue(base+"sso", state("cancelled_at", 0), knownvalue.NotNull()),
				},
			},
		},
	})
}

// firstEventID returns the id of the newest event matching query.
func firstEventID(t *testing.T, env *acctest.Env, query string) int64 {
	t.Helper()
	status, body := env.Cryptr(t, http.MethodGet, "/api/v2/webhook-events?"+query, nil)
	acctest.MustStatus(t, "list events", status, body, http.StatusOK)
	var list struct {
		Data []struct {
			ID int64 `json:"id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &list); err != nil || len(list.Data) == 0 {
		t.Fatalf("no event for %s: %s", query, body)
	}
	return list.Data[0].ID
}
