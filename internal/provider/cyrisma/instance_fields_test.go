package cyrisma_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
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

// addressFields are the create-only attributes the API never reports.
var addressFields = map[string]string{
	"street": "1 Main Street",
	"city":   "Springfield",
	"state":  "IL",
	"postal": "62701",
}

// withFields adds the given optional create-only attributes (attribute
// name → value) to a configuration made by instanceConfig.
func withFields(config string, fields map[string]string) string {
	var extra strings.Builder
	for _, name := range []string{"tenant_id", "street", "city", "state", "postal"} {
		if v, ok := fields[name]; ok {
			fmt.Fprintf(&extra, "  %s = %q\n", name, v)
		}
	}
	return strings.Replace(config, "  mfa_method", extra.String()+"  mfa_method", 1)
}

// instanceWithFields is a managed, active instance with the given optional
// create-only attributes.
func instanceWithFields(parent string, fields map[string]string) string {
	return withFields(instanceConfig(parent, true, false, "none"), fields)
}

// withTenant returns the address fields plus tenant_id.
func withTenant(tenant string) map[string]string {
	out := map[string]string{"tenant_id": tenant}
	for k, v := range addressFields {
		out[k] = v
	}
	return out
}

// TestAccCyrismaInstance_createOnlyFields: tenant_id and the address are
// sent on create; tenant_id is read back (import finds it), the address is
// not (import verify ignores it); a change replaces the instance.
func TestAccCyrismaInstance_createOnlyFields(t *testing.T) {
	env, rec := acctest.NewEnv(t).Recorded(t)
	root := env.Fixtures.CyrismaRootInstanceID
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             instanceSuspended(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(instanceWithFields(root, withTenant("mdr-tenant-42"))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("tenant_id"), knownvalue.StringExact("mdr-tenant-42")),
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("street"), knownvalue.StringExact("1 Main Street")),
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("postal"), knownvalue.StringExact("62701")),
				},
				Check: func(s *terraform.State) error {
					var creates []url.Values
					for _, ex := range rec.Exchanges() {
						if ex.Method == http.MethodPost && ex.Path == "/app/partner/instances/create" {
							creates = append(creates, ex.Form)
						}
					}
					if len(creates) != 1 {
						return fmt.Errorf("want one create request, got %d", len(creates))
					}
					for name, want := range withTenant("mdr-tenant-42") {
						if got := creates[0].Get(name); got != want {
							return fmt.Errorf("create request: %s = %q, want %q", name, got, want)
						}
					}
					id := s.RootModule().Resources[instAddr].Primary.ID
					if got := apiInstance(t, env, id)["tenant_id"]; got != "mdr-tenant-42" {
						return fmt.Errorf("API tenant_id = %v", got)
					}
					return nil
				},
			},
			{ // tenant_id is read back; the address is not reported by the API.
				ResourceName: instAddr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts", "country", "email", "street", "city", "state", "postal"},
			},
			{ // A changed address field replaces the instance.
				Config: env.Config(instanceWithFields(root, map[string]string{"tenant_id": "mdr-tenant-42", "street": "1 Main Street", "city": "Shelbyville", "state": "IL", "postal": "62701"})),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
			{ // So does a changed tenant_id.
				Config: env.Config(instanceWithFields(root, map[string]string{"tenant_id": "mdr-tenant-43", "street": "1 Main Street", "city": "Shelbyville", "state": "IL", "postal": "62701"})),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("tenant_id"), knownvalue.StringExact("mdr-tenant-43")),
				},
			},
		},
	})
}

// TestAccCyrismaInstance_unsetFieldsStayNull: without tenant_id and address
// the attributes stay null, with no diff in later plans (checked after
// every step by the testing framework), even when another attribute changes.
func TestAccCyrismaInstance_unsetFieldsStayNull(t *testing.T) {
	env := acctest.NewEnv(t)
	root := env.Fixtures.CyrismaRootInstanceID
	nulls := func() []statecheck.StateCheck {
		var checks []statecheck.StateCheck
		for _, name := range []string{"tenant_id", "street", "city", "state", "postal"} {
			checks = append(checks, statecheck.ExpectKnownValue(instAddr, tfjsonpath.New(name), knownvalue.Null()))
		}
		return checks
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(instanceConfig(root, true, false, "none")), ConfigStateChecks: nulls()},
			{
				Config: env.Config(instanceConfig(root, true, false, "email")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(instAddr, tfjsonpath.New("tenant_id"), knownvalue.Null()),
				}},
				ConfigStateChecks: nulls(),
			},
		},
	})
}

// TestAccCyrismaInstance_importRecordsUnreportedFields: an instance made in
// the console with a tenant and an address is imported; tenant_id comes from
// the API, and the configured address is then recorded by an in-place update,
// not a replacement.
func TestAccCyrismaInstance_importRecordsUnreportedFields(t *testing.T) {
	env := acctest.NewEnv(t)
	root := env.Fixtures.CyrismaRootInstanceID
	form := url.Values{
		"instance_type": {"standard"}, "is_consulting": {"false"}, "parent_instance_id": {root},
		"name": {"Contoso Ltd"}, "short_name": {"Contoso"}, "country": {"US"}, "email": {"it@contoso.example"},
		"tenant_id": {"mdr-7"},
	}
	for k, v := range addressFields {
		form.Set(k, v)
	}
	status, body := env.Cyrisma(t, http.MethodPost, "/partner/instances/create", form)
	acctest.MustStatus(t, "out-of-band create", status, body, http.StatusOK)
	var created struct {
		InstanceID string `json:"instance_id"`
	}
	if err := json.Unmarshal(body, &created); err != nil {
		t.Fatal(err)
	}
	waitProvisioned(t, env, created.InstanceID)

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:       env.Config(instanceWithFields(root, addressFields)),
				ResourceName: instAddr, ImportState: true, ImportStateId: created.InstanceID, ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].Attributes["tenant_id"] != "mdr-7" || states[0].Attributes["city"] != "" {
						return fmt.Errorf("imported state: %v", states)
					}
					return nil
				},
			},
			{ // tenant_id is not configured: the imported value is kept.
				Config: env.Config(instanceWithFields(root, addressFields)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(instAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(instAddr, tfjsonpath.New("tenant_id"), knownvalue.StringExact("mdr-7")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("city"), knownvalue.StringExact("Springfield")),
					statecheck.ExpectKnownValue(instAddr, tfjsonpath.New("id"), knownvalue.StringExact(created.InstanceID)),
				},
			},
		},
	})
}

// waitProvisioned polls the API until the instance id can be read.
func waitProvisioned(t *testing.T, env *acctest.Env, id string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		status, body := env.Cyrisma(t, http.MethodGet, "/partner/instances/info/"+id, nil)
		if status == http.StatusOK && strings.Contains(string(body), id) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("instance %s not provisioned: %d %s", id, status, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
