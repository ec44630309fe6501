package emulator_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// sendFromAnyGoroutine sends one request (t.Fatal is off limits outside
// the test's goroutine) and returns its status, 0 on a transport error.
func sendFromAnyGoroutine(hc *http.Client, method, target, contentType, body, auth string) int {
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", auth)
	res, err := hc.Do(req)
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode
}

// TestSeedIsAtomicUnderConcurrency loads, round after round, the same seed
// several times at once while the APIs create objects (on odd rounds, one
// with a key of the seed): exactly one of the seeds must succeed (at most
// one on odd rounds), and the state must stay consistent (no key held
// twice, no live organization among the tombstones).
func TestSeedIsAtomicUnderConcurrency(t *testing.T) {
	ts, c := start(t, emulator.Options{})
	env := ts.Env()
	crAccess := c.cryptrToken(env)
	crTok := "Bearer " + crAccess
	cyAccess, _ := c.cyrismaToken(env)
	cyTok := "access_token " + cyAccess
	hook := must(t, "hook", c.do("POST", "/api/v2/webhooks", formCT,
		"name=h&target_url=https://hooks.example/h&event_codes[]=all", crAccess), 201).body["id"].(string)
	root := ts.Server.Fixtures().CyrismaRootInstanceID

	const rounds, seeds, spread = 30, 3, 40
	for r := range rounds {
		// Many objects per service make each check take a while, so that
		// API requests and the other seed have time to slip in.
		var instances, workspaces []string
		for k := range spread {
			instances = append(instances, fmt.Sprintf(`{"instance_id": "inst-%d-%d", "name": "I", "short_name": "I%d-%d"}`, r, k, r, k))
			workspaces = append(workspaces, fmt.Sprintf(`{"uuid": "00000000-0000-4000-8000-%06d%06d", "name": "W", "subdomain": "w-%d-%d"}`, r, k, r, k))
		}
		seed := fmt.Sprintf(`{
  "cryptr": {"organizations": [{"name": "Org %d"}],
    "webhook_events": [{"webhook_id": %q, "event_code": "dir_sync.activate.success"}]},
  "cyrisma": {"instances": [%s]},
  "synerise": {"workspaces": [%s]}}`, r, hook, strings.Join(instances, ", "), strings.Join(workspaces, ", "))
		var wg sync.WaitGroup
		var seeded atomic.Int32
		for range seeds {
			wg.Go(func() {
				if ts.Server.LoadSeed([]byte(seed)) == nil {
					seeded.Add(1)
				}
			})
		}
		// On odd rounds the API creates the seed's organization, so that
		// the seeds may fail; on even rounds another one.
		org := fmt.Sprintf("name=Org+%d", r)
		if r%2 == 0 {
			org = fmt.Sprintf("name=Other+%d", r)
		}
		wg.Go(func() { sendFromAnyGoroutine(c.hc, "POST", ts.URL+"/api/v2/organizations", formCT, org, crTok) })
		wg.Go(func() {
			sendFromAnyGoroutine(c.hc, "POST", ts.URL+"/api/v2/webhook-events/trigger-test", formCT, "event_code=dir_sync.activate.success", crTok)
		})
		wg.Go(func() {
			v := url.Values{"instance_type": {"organization"}, "is_consulting": {"false"}, "parent_instance_id": {root},
				"name": {"API"}, "short_name": {fmt.Sprintf("API%d", r)}, "country": {"FR"}, "email": {"it@x.example"}}
			sendFromAnyGoroutine(c.hc, "POST", ts.URL+"/app/partner/instances/create", formCT, v.Encode(), cyTok)
		})
		wg.Wait()
		if n := seeded.Load(); n > 1 || (n == 0 && r%2 == 0) {
			t.Errorf("round %d: the seed was loaded %d times, want once", r, n)
		}
	}

	st := ts.Server.State()
	seen := map[string]bool{}
	once := func(what string, key any) {
		k := fmt.Sprint(what, " ", key)
		if seen[k] {
			t.Errorf("%s is held twice", k)
		}
		seen[k] = true
	}
	for _, o := range st.Cryptr.Organizations {
		if !o.Deleted {
			once("live organization", o.Domain)
		}
		if o.Deleted != (o.Status == "deleted") {
			t.Errorf("organization %s: deleted %v but status %q", o.Domain, o.Deleted, o.Status)
		}
	}
	for _, e := range st.Cryptr.WebhookEvents {
		once("webhook event", e.ID)
	}
	for _, in := range st.Cyrisma.Instances {
		once("instance", in.InstanceID)
		once("instance url", in.URL)
	}
	for _, w := range st.Synerise.Workspaces {
		once("workspace", w.UUID)
		once("workspace id", w.ID)
		once("subdomain", w.Subdomain)
	}
	for _, u := range st.Synerise.Users {
		for _, w := range u.Workspaces {
			once(fmt.Sprint("user ", u.ID, " workspace"), w)
		}
	}
	// The state is still a seed.
	ts2, _ := start(t, emulator.Options{})
	if err := ts2.Server.Seed(st); err != nil {
		t.Errorf("the state after concurrent seeding is not a seed: %.2000s", err)
	}
}
