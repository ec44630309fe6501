package cyrisma_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const (
	userAddr         = "tenant_cyrisma_user.ann"
	routeDisableUser = "PATCH /app/partner/users/disable"
)

var userUUIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func userConfig(instanceID, username, firstName string) string {
	return fmt.Sprintf(`
resource "tenant_cyrisma_user" "ann" {
  instance_id = %q
  username    = %q
  first_name  = %q
  last_name   = "Lee"
}
`, instanceID, username, firstName)
}

// apiUser reads a user through the API, disabled ones included.
func apiUser(t *testing.T, env *acctest.Env, id string) map[string]any {
	t.Helper()
	status, body := env.Cyrisma(t, http.MethodGet, "/partner/users/info/"+id, nil)
	acctest.MustStatus(t, "read user", status, body, http.StatusOK)
	var items []map[string]any
	if err := json.Unmarshal(body, &items); err != nil || len(items) != 1 {
		t.Fatalf("user %s: %s", id, body)
	}
	return items[0]
}

// userIDs collects the IDs of the users a test created, replaced ones included.
type userIDs struct {
	mu  sync.Mutex
	ids []string
}

// record returns a check that records the user's current ID; it fails if
// want says the ID must be new (a replacement) and it is not.
func (u *userIDs) record(wantNew bool) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(userAddr, "id", func(id string) error {
		u.mu.Lock()
		defer u.mu.Unlock()
		if slices.Contains(u.ids, id) {
			if wantNew {
				return fmt.Errorf("user id %s kept; want a new user", id)
			}
			return nil
		}
		u.ids = append(u.ids, id)
		return nil
	})
}

// last returns the ID recorded last.
func (u *userIDs) last() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.ids[len(u.ids)-1]
}

// disabled checks, through the API, that every recorded user but the
// current ones is disabled: destroy disables users, the API has no delete.
func (u *userIDs) disabled(t *testing.T, env *acctest.Env, except ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		u.mu.Lock()
		ids := slices.Clone(u.ids)
		u.mu.Unlock()
		for _, id := range ids {
			if slices.Contains(except, id) {
				continue
			}
			if enabled := apiUser(t, env, id)["enabled"]; enabled != "0" {
				return fmt.Errorf("user %s: enabled = %v, want \"0\" (disabled)", id, enabled)
			}
		}
		return nil
	}
}

// replacedBecauseOf checks that the plan replaces addr because of attr.
type replacedBecauseOf struct{ addr, attr string }

func (c replacedBecauseOf) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		for _, p := range rc.Change.ReplacePaths {
			if steps, ok := p.([]any); ok && len(steps) == 1 && steps[0] == c.attr {
				return
			}
		}
		resp.Error = fmt.Errorf("%s: replace paths %v, want %s", c.addr, rc.Change.ReplacePaths, c.attr)
		return
	}
	resp.Error = fmt.Errorf("%s not in the plan", c.addr)
}

func TestAccCyrismaUser_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	root := env.Fixtures.CyrismaRootInstanceID
	ids := &userIDs{}
	created := env.Config(userConfig(root, "ann@acme.example", "Ann"))
	renamed := env.Config(userConfig(root, "ann@acme.example", "Anna"))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             ids.disabled(t, env),
		Steps: []resource.TestStep{
			{ // Create under the root organization.
				Config: created,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(userAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(userUUIDPattern)),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("instance_id"), knownvalue.StringExact(root)),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("username"), knownvalue.StringExact("ann@acme.example")),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
				Check: ids.record(true),
			},
			{ // terraform import by ID.
				ResourceName: userAddr, ImportState: true, ImportStateVerify: true,
			},
			{ // import {} block, planned with no changes.
				ResourceName: userAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, Config: created,
			},
			{ // No update call: a changed argument replaces the user, and the old one is disabled.
				Config: renamed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionDestroyBeforeCreate),
					replacedBecauseOf{userAddr, "first_name"},
				}},
				Check: resource.ComposeTestCheckFunc(ids.record(true), func(s *terraform.State) error {
					return ids.disabled(t, env, ids.last())(s)
				}),
			},
			{ // Disabled out of band: the plan shows enabled false → true forcing a
				// replacement; apply creates a new, enabled user without disabling
				// the old one again.
				PreConfig: func() {
					status, body := env.Cyrisma(t, http.MethodPatch, "/partner/users/disable", url.Values{"user_id": {ids.last()}})
					acctest.MustStatus(t, "out-of-band disable", status, body, http.StatusOK)
					env.Emulator.Server.ResetRequestCounts()
				},
				Config: renamed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionDestroyBeforeCreate),
					replacedBecauseOf{userAddr, "enabled"},
					plancheck.ExpectKnownValue(userAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeTestCheckFunc(ids.record(true), func(s *terraform.State) error {
					if n := env.Emulator.Server.RequestCounts().Routes[routeDisableUser]; n != 0 {
						return fmt.Errorf("%d disable requests for a user already disabled, want 0", n)
					}
					if enabled := apiUser(t, env, ids.last())["enabled"]; enabled != "1" {
						return fmt.Errorf("new user enabled = %v, want \"1\"", enabled)
					}
					return ids.disabled(t, env, ids.last())(s)
				}),
			},
		},
	})
}

// outOfBandInstance provisions an instance through the API, outside
// Terraform, and waits until it can be read.
func outOfBandInstance(t *testing.T, env *acctest.Env, instanceType, name string) string {
	t.Helper()
	status, body := env.Cyrisma(t, http.MethodPost, "/partner/instances/create", url.Values{
		"instance_type": {instanceType}, "is_consulting": {"false"}, "parent_instance_id": {env.Fixtures.CyrismaRootInstanceID},
		"name": {name}, "short_name": {name}, "country": {"US"}, "email": {"it@" + name + ".example"},
	})
	acctest.MustStatus(t, "create instance", status, body, http.StatusOK)
	id := acctest.JSON(t, body).(map[string]any)["instance_id"].(string)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		status, body = env.Cyrisma(t, http.MethodGet, "/partner/instances/info/"+id, nil)
		acctest.MustStatus(t, "read instance", status, body, http.StatusOK)
		if len(acctest.JSON(t, body).([]any)) == 1 {
			return id
		}
		if time.Now().After(deadline) {
			t.Fatalf("instance %s not provisioned after 10s", id)
		}
	}
}

func TestAccCyrismaUser_planTimeErrors(t *testing.T) {
	env := acctest.NewEnv(t)
	root := env.Fixtures.CyrismaRootInstanceID
	standard := outOfBandInstance(t, env, "standard", "Initech")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error { // no user was ever created
			status, body := env.Cyrisma(t, http.MethodGet, "/partner/users/info", nil)
			acctest.MustStatus(t, "list users", status, body, http.StatusOK)
			if users := acctest.JSON(t, body).([]any); len(users) != 0 {
				return fmt.Errorf("users created despite the errors: %s", body)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // A customer instance cannot hold users: refused at plan time, on instance_id.
				Config:      env.Config(userConfig(standard, "ann@acme.example", "Ann")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cyrisma users belong to organizations.*instance_id\s+=\s+"` + standard + `".*"standard"\s+instance`),
			},
			{
				Config:      env.Config(userConfig("00000000-0000-4000-8000-000000000000", "ann@acme.example", "Ann")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cyrisma instance not found.*instance_id\s+=`),
			},
			{
				Config:      env.Config(userConfig(root, "ann", "Ann")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute username must be an email address`),
			},
			{
				Config:      env.Config(userConfig(root, "ann@acme.example", " Ann")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)first_name must not start or end with white space`),
			},
			{
				Config:      env.Config(userConfig(root, "ann@acme.example", "")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute first_name string length must be at least 1`),
			},
			{ // An instance ID unknown at plan time is checked when apply plans
				// the user again, once the ID is known: before any user is created.
				Config: env.Config(fmt.Sprintf(`
resource "tenant_cyrisma_instance" "customer" {
  parent_instance_id = %q
  instance_type      = "standard"
  name               = "Umbrella"
  short_name         = "Umbrella"
  country            = "US"
  email              = "it@umbrella.example"
}
`, root), `
resource "tenant_cyrisma_user" "ann" {
  instance_id = tenant_cyrisma_instance.customer.id
  username    = "ann@umbrella.example"
  first_name  = "Ann"
  last_name   = "Lee"
}`),
				ExpectError: regexp.MustCompile(`(?s)Cyrisma users belong to organizations.*instance_id\s+=\s+tenant_cyrisma_instance\.customer\.id.*"standard"\s+instance`),
			},
		},
	})
}

func TestAccCyrismaUser_importUnknown(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        env.Config(userConfig(env.Fixtures.CyrismaRootInstanceID, "ann@acme.example", "Ann")),
			ResourceName:  userAddr,
			ImportState:   true,
			ImportStateId: "00000000-0000-4000-8000-000000000000",
			ExpectError:   regexp.MustCompile(`(?i)cannot import non-existent remote object`),
		}},
	})
}
