package provider_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// Sizes and limit of the parallel-states suite (issue: "many runs at once").
const (
	parallelStates = 8
	// parallelServerRate is the emulator's limit, in requests per second. It
	// is below the provider's default client-side limit (25 per second per
	// service, per provider process), so that every state alone already
	// overruns it and the eight together overrun it about tenfold.
	parallelServerRate = 20
	// parallelResourcesPerState is what one customer of
	// examples/customer-onboarding declares: organization, SSO connection,
	// directory sync, password, magic-link and TOTP connections, IT admin,
	// two users, webhook and redirect URI.
	parallelResourcesPerState = 11
)

// TestFaultsParallelStates runs examples/customer-onboarding as users who
// keep one state per customer do from an orchestrator (HCP Terraform,
// Atlantis, Terragrunt, a CI matrix): eight working directories, eight
// states, eight customers, eight `terraform apply` processes started at the
// same moment against one emulator that answers 429 with Retry-After beyond
// 20 requests per second.
//
// The emulator keeps one rate-limit window per service (Cryptr, Cyrisma,
// Synerise); the example declares Cryptr objects only, so here the limit
// of 20 per second is global: the eight states share it. The test checks
// that no other service is called. Each state is the real example (the
// ./customer module, copied unchanged) under a root module that gives it a
// distinct customer; the provider block is the example's, empty, so the
// provider runs with its defaults (settings from CRYPTR_* variables,
// client-side limit 25 requests per second per service per process, 30
// retries for answers 429), and the server's 429s are the point.
//
// It passes when every first apply exits 0 (no re-runs), every following
// `plan -detailed-exitcode` (the eight again at once, under the same limit)
// exits 0, and the emulator holds exactly the eight customers: every
// declared object once, none duplicated, nothing orphaned, no object
// claimed by two states. Run by `make test-faults` (and CI), which prints
// its figures (TENANT_PARALLEL_REPORT).
func TestFaultsParallelStates(t *testing.T) {
	acctest.RequireAcceptance(t)
	env := acctest.NewEnvWith(t, emulator.Options{
		CryptrProvisioningDelay: 200 * time.Millisecond,
	})
	server := env.Emulator.Server

	customers := make([]parallelCustomer, parallelStates)
	clis := make([]*acctest.CLI, parallelStates)
	recorders := make([]*acctest.Recorder, parallelStates)
	for i := range customers {
		customers[i] = newParallelCustomer(i + 1)
		// Each state reaches the one emulator through a recording front of
		// its own, which tells its requests and 429s apart from the others'.
		stateEnv, rec := env.Recorded(t)
		cli := stateEnv.NewCLI(t)
		cli.CopyDir("examples/customer-onboarding")
		cli.WriteFile("main.tf", customers[i].rootModule())
		clis[i], recorders[i] = cli, rec
	}
	for i, r := range runTogether(clis, "init", "-input=false") {
		if r.code != 0 {
			t.Fatalf("%s: terraform init exited %d:\n%s", customers[i].key, r.code, r.out)
		}
	}
	before := server.State()

	server.SetFaults(emulator.Faults{RateLimitPerSecond: parallelServerRate})
	server.ResetRequestCounts()
	tokensBefore := server.TokensMinted()
	started := time.Now()
	applies := runTogether(clis, "apply", "-auto-approve", "-input=false")
	applyWall := time.Since(started)
	applyCounts := server.RequestCounts()
	applyTokens := minted(tokensBefore, server.TokensMinted())
	applyPerState := make([]exchangeCounts, parallelStates)
	for i, rec := range recorders {
		applyPerState[i] = countExchanges(rec.Exchanges())
		rec.Reset()
	}

	server.ResetRequestCounts()
	tokensBefore = server.TokensMinted()
	started = time.Now()
	plans := runTogether(clis, "plan", "-detailed-exitcode", "-input=false")
	planWall := time.Since(started)
	planCounts := server.RequestCounts()
	planTokens := minted(tokensBefore, server.TokensMinted())
	planPerState := make([]exchangeCounts, parallelStates)
	for i, rec := range recorders {
		planPerState[i] = countExchanges(rec.Exchanges())
	}

	server.SetFaults(emulator.Faults{})
	audit := auditParallelStates(t, before.Cryptr, server.State().Cryptr, customers, clis)

	report := []string{
		fmt.Sprintf("states: %d at once (examples/customer-onboarding, %d resources each); emulator limit %d requests/s (Cryptr only: global), provider defaults (25/s per process)",
			parallelStates, parallelResourcesPerState, parallelServerRate),
		fmt.Sprintf("apply: wall %s (per state %s), %d requests (%.1f/s), %d answered 429, %d served (%.1f/s), %d logins; by service %s",
			applyWall.Round(time.Millisecond), spread(applies), applyCounts.Total, float64(applyCounts.Total)/applyWall.Seconds(),
			applyCounts.Faults.RateLimited, applyCounts.Total-applyCounts.Faults.RateLimited,
			float64(applyCounts.Total-applyCounts.Faults.RateLimited)/applyWall.Seconds(), applyTokens["cryptr"], requestsByService(applyCounts)),
		fmt.Sprintf("plan: wall %s (per state %s), %d requests, %d answered 429, %d served (%.1f/s), %d logins; by service %s",
			planWall.Round(time.Millisecond), spread(plans), planCounts.Total, planCounts.Faults.RateLimited,
			planCounts.Total-planCounts.Faults.RateLimited, float64(planCounts.Total-planCounts.Faults.RateLimited)/planWall.Seconds(),
			planTokens["cryptr"], requestsByService(planCounts)),
	}
	for i, c := range customers {
		report = append(report, fmt.Sprintf("  %s (%s): apply exit %d in %s, %d requests, %d answered 429; plan exit %d in %s, %d requests, %d answered 429",
			c.key, c.name, applies[i].code, applies[i].took.Round(time.Millisecond), applyPerState[i].total, applyPerState[i].rateLimited,
			plans[i].code, plans[i].took.Round(time.Millisecond), planPerState[i].total, planPerState[i].rateLimited))
	}
	report = append(report, fmt.Sprintf("emulator: %d customers complete, %d objects missing, %d orphaned, %d duplicated, %d claimed by two states",
		audit.complete, len(audit.missing), len(audit.orphans), len(audit.duplicates), len(audit.shared)))
	for _, line := range report {
		t.Log(line)
	}
	if path := os.Getenv("TENANT_PARALLEL_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(strings.Join(report, "\n")+"\n"), 0o644); err != nil {
			t.Error(err)
		}
	}

	for i, r := range applies {
		if r.code != 0 {
			t.Errorf("%s: the first apply exited %d, want 0 (no re-runs allowed):\n%s", customers[i].key, r.code, r.out)
		}
	}
	for i, r := range plans {
		if r.code != 0 {
			t.Errorf("%s: the plan after the apply exited %d, want 0 (no changes):\n%s", customers[i].key, r.code, r.out)
		}
	}
	for kind, list := range map[string][]string{
		"missing or wrong": audit.missing, "orphaned": audit.orphans,
		"duplicated": audit.duplicates, "claimed by two states": audit.shared,
	} {
		if len(list) > 0 {
			t.Errorf("%s:\n  %s", kind, strings.Join(list, "\n  "))
		}
	}
	for _, counts := range []emulator.RequestCounts{applyCounts, planCounts} {
		if others := nonCryptrRequests(counts); others > 0 {
			t.Errorf("%d requests went to Cyrisma or Synerise (%s): the limit is then not global", others, requestsByService(counts))
		}
	}
	if applyCounts.Faults.RateLimited == 0 {
		t.Errorf("no request was answered 429 during the applies: the suite tests nothing")
	}
}

// parallelCustomer is the customer of one state.
type parallelCustomer struct {
	key  string // "p01"
	name string // "Parallel Customer 01"
}

func newParallelCustomer(n int) parallelCustomer {
	return parallelCustomer{key: fmt.Sprintf("p%02d", n), name: fmt.Sprintf("Parallel Customer %02d", n)}
}

func (c parallelCustomer) emailDomains() []string {
	return []string{c.key + ".example.com", c.key + ".example.io"}
}
func (c parallelCustomer) adminEmail() string { return "it-team@" + c.key + ".example.com" }
func (c parallelCustomer) userEmails() []string {
	return []string{"jane.doe@" + c.key + ".example.com", "john.roe@" + c.key + ".example.com"}
}
func (c parallelCustomer) webhookName() string { return c.name + " directory sync" }
func (c parallelCustomer) webhookURL() string  { return "https://hooks.example.com/cryptr/" + c.key }
func (c parallelCustomer) callbackURL() string {
	return "https://" + c.key + ".app.example.com/callback"
}

// rootModule is the customer's root module: examples/customer-onboarding's
// main.tf with this customer's values instead of Acme's.
func (c parallelCustomer) rootModule() string {
	users := c.userEmails()
	return fmt.Sprintf(`# One state of TestFaultsParallelStates: examples/customer-onboarding for
# customer %[1]s.
terraform {
  required_version = ">= 1.11"
  required_providers {
    tenant = {
      source = "tenantops/tenant"
    }
  }
}

provider "tenant" {}

module "customer" {
  source = "./customer"

  name           = %[2]q
  email_domains  = [%[3]q, %[4]q]
  it_admin_email = %[5]q
  users = {
    %[6]q = { given_name = "Jane", family_name = "Doe", metadata = { employee_id = "E-%[1]s" } }
    %[7]q = { given_name = "John", family_name = "Roe" }
  }
  webhook_url      = %[8]q
  app_callback_url = %[9]q
}

output "customer" {
  value = {
    domain = module.customer.domain
    saml   = module.customer.saml
  }
}
`, c.key, c.name, c.emailDomains()[0], c.emailDomains()[1], c.adminEmail(), users[0], users[1], c.webhookURL(), c.callbackURL())
}

// cliRun is the outcome of one terraform run.
type cliRun struct {
	out  string
	code int
	took time.Duration
}

// runTogether runs terraform with args in every working directory at once:
// all the processes are started together, and it returns when the last has
// exited. (cli.Run fails the test only when terraform cannot be started;
// the deferred Done keeps the wait from hanging then.)
func runTogether(clis []*acctest.CLI, args ...string) []cliRun {
	runs := make([]cliRun, len(clis))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, cli := range clis {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			began := time.Now()
			out, code := cli.Run(args...)
			runs[i] = cliRun{out: out, code: code, took: time.Since(began)}
		}()
	}
	close(start)
	wg.Wait()
	return runs
}

// spread is the shortest and longest run of runs.
func spread(runs []cliRun) string {
	least, most := runs[0].took, runs[0].took
	for _, r := range runs[1:] {
		least, most = min(least, r.took), max(most, r.took)
	}
	return fmt.Sprintf("%s to %s", least.Round(time.Millisecond), most.Round(time.Millisecond))
}

// exchangeCounts are the requests one state sent, and how many were
// answered 429.
type exchangeCounts struct{ total, rateLimited int }

func countExchanges(exchanges []acctest.Exchange) exchangeCounts {
	c := exchangeCounts{total: len(exchanges)}
	for _, e := range exchanges {
		if e.Status == http.StatusTooManyRequests {
			c.rateLimited++
		}
	}
	return c
}

// serviceOfRoute names the service of a route key ("METHOD /path") as the
// emulator's rate limiter does.
func serviceOfRoute(route string) string {
	_, path, _ := strings.Cut(route, " ")
	for _, p := range []struct{ prefix, service string }{
		{"/api/v2/", "cryptr"}, {"/oauth/", "cryptr"}, {"/app/", "cyrisma"}, {"/uauth/", "synerise"}, {"/v4/", "synerise"},
	} {
		if strings.HasPrefix(path, p.prefix) {
			return p.service
		}
	}
	return "other"
}

func requestsByService(counts emulator.RequestCounts) string {
	by := map[string]int{}
	for route, n := range counts.Routes {
		by[serviceOfRoute(route)] += n
	}
	var parts []string
	for _, s := range []string{"cryptr", "cyrisma", "synerise", "other"} {
		if by[s] > 0 || s == "cryptr" {
			parts = append(parts, fmt.Sprintf("%s %d", s, by[s]))
		}
	}
	return strings.Join(parts, ", ")
}

func nonCryptrRequests(counts emulator.RequestCounts) int {
	n := 0
	for route, c := range counts.Routes {
		if serviceOfRoute(route) != "cryptr" {
			n += c
		}
	}
	return n
}

// parallelAudit is what the emulator holds compared with the eight states.
type parallelAudit struct {
	complete                             int
	missing, orphans, duplicates, shared []string
}

// auditParallelStates compares the emulator's Cryptr state after the runs
// with the one before and with the ids the states track: each customer's
// declared objects must exist once each, every object the runs added must
// be tracked by a state, and no id may be tracked by two states.
func auditParallelStates(t *testing.T, before, after cryptr.State, customers []parallelCustomer, clis []*acctest.CLI) parallelAudit {
	t.Helper()
	var a parallelAudit

	// What the states track: type → id → the states that hold it.
	tracked := map[string]map[string][]string{}
	for i, cli := range clis {
		ids := moduleIDs(t, cli)
		n := 0
		for typ, set := range ids {
			for id := range set {
				n++
				if tracked[typ] == nil {
					tracked[typ] = map[string][]string{}
				}
				tracked[typ][id] = append(tracked[typ][id], customers[i].key)
			}
		}
		if n != parallelResourcesPerState {
			a.missing = append(a.missing, fmt.Sprintf("%s: its state tracks %d managed objects, want %d", customers[i].key, n, parallelResourcesPerState))
		}
	}
	for typ, ids := range tracked {
		for id, states := range ids {
			if len(states) > 1 {
				a.shared = append(a.shared, fmt.Sprintf("%s %s: %v", typ, id, states))
			}
		}
	}
	isTracked := func(typ, id string) bool { return len(tracked[typ][id]) > 0 }

	// Objects that existed before the runs (the emulator's seeded fixtures)
	// are left out of the comparison.
	oldOrgs, oldHooks, oldURIs := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, o := range before.Organizations {
		if !o.Deleted {
			oldOrgs[o.Domain] = true
		}
	}
	for _, w := range before.Webhooks {
		oldHooks[w.ID] = true
	}
	for _, r := range before.RedirectURIs {
		oldURIs[r.ID] = true
	}

	keys := map[string]int{}
	added := func(kind, key, typ, id string) {
		keys[kind+" "+key]++
		if !isTracked(typ, id) {
			a.orphans = append(a.orphans, fmt.Sprintf("%s %s (%s)", kind, key, id))
		}
	}
	orgsByName := map[string][]cryptr.OrganizationState{}
	for _, o := range after.Organizations {
		if o.Deleted || oldOrgs[o.Domain] {
			continue
		}
		orgsByName[o.Name] = append(orgsByName[o.Name], o)
		added("organization", o.Name, "tenant_cryptr_organization", o.Domain)
		if s := o.SSOConnection; s != nil {
			added("sso_connection", o.Domain, "tenant_cryptr_sso_connection", s.ID)
		}
		for _, d := range o.DirectorySyncs {
			added("directory_sync", o.Domain+" "+d.Environment, "tenant_cryptr_directory_sync", d.ID)
		}
		if p := o.PasswordConnection; p != nil {
			added("password_connection", o.Domain, "tenant_cryptr_password_connection", p.ID)
		}
		if m := o.MagicLinkConnection; m != nil {
			added("magic_link_connection", o.Domain, "tenant_cryptr_magic_link_connection", m.ID)
		}
		if o.TOTPConnection != nil {
			added("totp_connection", o.Domain, "tenant_cryptr_totp_connection", o.Domain)
		}
		for _, ad := range o.Admins {
			added("admin", o.Domain+" "+ad.Email, "tenant_cryptr_admin", ad.ID)
		}
		for _, u := range o.Users {
			added("user", o.Domain+" "+u.Environment+" "+u.Email, "tenant_cryptr_user", u.ID)
		}
	}
	hooksByName := map[string][]cryptr.WebhookState{}
	for _, w := range after.Webhooks {
		if oldHooks[w.ID] {
			continue
		}
		hooksByName[w.Name] = append(hooksByName[w.Name], w)
		added("webhook", w.Environment+" "+w.Name, "tenant_cryptr_webhook", w.ID)
	}
	urisByURI := map[string][]cryptr.RedirectURIState{}
	for _, r := range after.RedirectURIs {
		if oldURIs[r.ID] {
			continue
		}
		urisByURI[r.URI] = append(urisByURI[r.URI], r)
		added("redirect_uri", r.Environment+" "+r.URI, "tenant_cryptr_redirect_uri", r.ID)
	}
	for key, n := range keys {
		if n > 1 {
			a.duplicates = append(a.duplicates, fmt.Sprintf("%s ×%d", key, n))
		}
	}

	// Every declared object of every customer, once.
	for _, c := range customers {
		missing := len(a.missing)
		miss := func(format string, args ...any) {
			a.missing = append(a.missing, c.key+": "+fmt.Sprintf(format, args...))
		}
		orgs := orgsByName[c.name]
		if len(orgs) != 1 {
			miss("%d live organizations named %q, want 1", len(orgs), c.name)
		} else {
			o := orgs[0]
			if got, want := strings.Join(sorted(o.AllowedEmailDomains), ","), strings.Join(sorted(c.emailDomains()), ","); got != want {
				miss("organization %s allows %s, want %s", o.Domain, got, want)
			}
			if o.SSOConnection == nil {
				miss("organization %s has no SSO connection", o.Domain)
			}
			if len(o.DirectorySyncs) != 1 {
				miss("organization %s has %d directory syncs, want 1", o.Domain, len(o.DirectorySyncs))
			}
			if o.PasswordConnection == nil {
				miss("organization %s has no password connection", o.Domain)
			}
			if o.MagicLinkConnection == nil || !o.MagicLinkConnection.Active {
				miss("organization %s has no active magic-link connection", o.Domain)
			}
			if o.TOTPConnection == nil || !o.TOTPConnection.Active {
				miss("organization %s has no active TOTP connection", o.Domain)
			}
			if len(o.Admins) != 1 || o.Admins[0].Email != c.adminEmail() {
				miss("organization %s has admins %+v, want %s once", o.Domain, o.Admins, c.adminEmail())
			}
			var emails []string
			for _, u := range o.Users {
				emails = append(emails, u.Email)
			}
			if got, want := strings.Join(sorted(emails), ","), strings.Join(sorted(c.userEmails()), ","); got != want {
				miss("organization %s has users %s, want %s", o.Domain, got, want)
			}
		}
		if hooks := hooksByName[c.webhookName()]; len(hooks) != 1 || hooks[0].TargetURL != c.webhookURL() {
			miss("%d webhooks named %q, want 1 posting to %s", len(hooks), c.webhookName(), c.webhookURL())
		}
		if uris := urisByURI[c.callbackURL()]; len(uris) != 1 {
			miss("%d redirect URIs %s, want 1", len(uris), c.callbackURL())
		}
		if len(a.missing) == missing {
			a.complete++
		}
	}
	for _, list := range [][]string{a.missing, a.orphans, a.duplicates, a.shared} {
		sort.Strings(list)
	}
	return a
}

// moduleIDs returns the ids a state holds per managed resource type, in
// every module, from `terraform show -json`.
func moduleIDs(t *testing.T, cli *acctest.CLI) map[string]map[string]bool {
	t.Helper()
	type module struct {
		Resources []struct {
			Type   string         `json:"type"`
			Mode   string         `json:"mode"`
			Values map[string]any `json:"values"`
		} `json:"resources"`
		ChildModules []json.RawMessage `json:"child_modules"`
	}
	var shown struct {
		Values struct {
			RootModule json.RawMessage `json:"root_module"`
		} `json:"values"`
	}
	out := cli.MustRun(0, "show", "-json")
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatalf("terraform show -json: %v\n%s", err, out)
	}
	ids := map[string]map[string]bool{}
	var walk func(raw json.RawMessage)
	walk = func(raw json.RawMessage) {
		var m module
		if len(raw) == 0 {
			return
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("terraform show -json: %v", err)
		}
		for _, r := range m.Resources {
			if r.Mode != "managed" {
				continue
			}
			if ids[r.Type] == nil {
				ids[r.Type] = map[string]bool{}
			}
			id, _ := r.Values["id"].(string)
			ids[r.Type][id] = true
		}
		for _, child := range m.ChildModules {
			walk(child)
		}
	}
	walk(shown.Values.RootModule)
	return ids
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
