package synerise_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// workspaceFields are every attribute of a workspace.
var workspaceFields = []string{"uuid", "id", "name", "logo", "created", "subdomain", "ip_restricted", "mfa_required"}

// sameWorkspace checks that data source a and the first element of the
// list data source b show the same workspace, field by field: the current
// workspace (ipRestriction/mfaRestriction enums) and the list (booleans)
// must agree.
func sameWorkspace(a, list string) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for _, f := range workspaceFields {
		checks = append(checks, statecheck.CompareValuePairs(a, tfjsonpath.New(f), list, tfjsonpath.New("workspaces").AtSliceIndex(0).AtMapKey(f), compare.ValuesSame()))
	}
	return checks
}

// stagingChecks are the fields of the second seeded workspace.
func stagingChecks(address, uuid string) []statecheck.StateCheck {
	at := func(f string) tfjsonpath.Path { return tfjsonpath.New(f) }
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, at("uuid"), knownvalue.StringExact(uuid)),
		statecheck.ExpectKnownValue(address, at("id"), knownvalue.Int64Exact(3102)),
		statecheck.ExpectKnownValue(address, at("name"), knownvalue.StringExact("TenantOps Staging")),
		statecheck.ExpectKnownValue(address, at("subdomain"), knownvalue.StringExact("tenantops-staging")),
		statecheck.ExpectKnownValue(address, at("created"), knownvalue.StringExact("2025-01-20T12:00:00Z")),
		statecheck.ExpectKnownValue(address, at("logo"), knownvalue.StringExact("")),
		statecheck.ExpectKnownValue(address, at("ip_restricted"), knownvalue.Bool(false)),
		statecheck.ExpectKnownValue(address, at("mfa_required"), knownvalue.Bool(false)),
	}
}

func TestAccSyneriseWorkspace_userByUUID(t *testing.T) {
	env := acctest.NewEnv(t)
	second := env.Fixtures.SyneriseSecondWorkspaceUUID
	block := userBlock(env, env.Vars["SYNERISE_USERNAME"], env.Vars["SYNERISE_PASSWORD"], env.Vars["SYNERISE_MFA_TOTP_SECRET"])
	config := env.ProviderBlockWithSynerise(block) + fmt.Sprintf(`
data "tenant_synerise_workspaces" "all" {}
data "tenant_synerise_workspace" "current" {}
data "tenant_synerise_workspace" "staging" { uuid = %q }
data "tenant_synerise_workspace" "upper" { uuid = %q }
`, second, strings.ToUpper(second))
	checks := append(sameWorkspace("data.tenant_synerise_workspace.current", "data.tenant_synerise_workspaces.all"),
		stagingChecks("data.tenant_synerise_workspace.staging", second)...)
	// A UUID in another case finds the workspace and stays as configured.
	checks = append(checks, statecheck.ExpectKnownValue("data.tenant_synerise_workspace.upper", tfjsonpath.New("uuid"), knownvalue.StringExact(strings.ToUpper(second))),
		statecheck.ExpectKnownValue("data.tenant_synerise_workspace.upper", tfjsonpath.New("id"), knownvalue.Int64Exact(3102)))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{ // Not one of the user's workspaces.
				Config:      env.ProviderBlockWithSynerise(block) + `data "tenant_synerise_workspace" "x" { uuid = "00000000-0000-4000-8000-000000000000" }`,
				ExpectError: regexp.MustCompile(`(?s)Synerise workspace not found.*cannot access workspace\s+00000000-0000-4000-8000-000000000000`),
			},
			{ // Checked at plan time.
				Config:      env.ProviderBlockWithSynerise(block) + `data "tenant_synerise_workspace" "x" { uuid = "staging" }`,
				ExpectError: regexp.MustCompile(`must be a UUID`),
			},
			{Config: config, ConfigStateChecks: checks},
		},
	})
}

// TestAccSyneriseWorkspace_userWithoutSelection: a user without
// workspace_uuid can list the workspaces and read one by uuid; the current
// one does not exist.
func TestAccSyneriseWorkspace_userWithoutSelection(t *testing.T) {
	env := acctest.NewEnv(t)
	second := env.Fixtures.SyneriseSecondWorkspaceUUID
	block := fmt.Sprintf("api_url = %q\n    username = %q\n    password = %q",
		env.Vars["SYNERISE_API_URL"], env.Fixtures.SyneriseNoMFAUsername, env.Fixtures.SyneriseNoMFAPassword)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlockWithSynerise(block) + fmt.Sprintf(`
data "tenant_synerise_workspaces" "all" {}
data "tenant_synerise_workspace" "staging" { uuid = %q }
`, second),
				ConfigStateChecks: append(stagingChecks("data.tenant_synerise_workspace.staging", second),
					statecheck.ExpectKnownValue("data.tenant_synerise_workspaces.all", tfjsonpath.New("workspaces"), knownvalue.ListSizeExact(2))),
			},
			{
				Config:      env.ProviderBlockWithSynerise(block) + `data "tenant_synerise_workspace" "current" {}`,
				ExpectError: regexp.MustCompile(`No Synerise workspace selected`),
			},
		},
	})
}

func TestAccSyneriseWorkspace_apiKeyOwnWorkspaceOnly(t *testing.T) {
	env := acctest.NewEnv(t)
	own := env.Vars["SYNERISE_WORKSPACE_UUID"]
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(`
data "tenant_synerise_workspaces" "all" {}
data "tenant_synerise_workspace" "current" {}
data "tenant_synerise_workspace" "own" { uuid = %q }
`, own)),
				ConfigStateChecks: append(sameWorkspace("data.tenant_synerise_workspace.own", "data.tenant_synerise_workspaces.all"),
					append(sameWorkspace("data.tenant_synerise_workspace.current", "data.tenant_synerise_workspaces.all"),
						statecheck.ExpectKnownValue("data.tenant_synerise_workspace.own", tfjsonpath.New("id"), knownvalue.Int64Exact(3101)),
						statecheck.ExpectKnownValue("data.tenant_synerise_workspace.own", tfjsonpath.New("created"), knownvalue.StringExact("2024-03-15T09:30:00Z")),
						statecheck.ExpectKnownValue("data.tenant_synerise_workspace.own", tfjsonpath.New("subdomain"), knownvalue.StringExact("tenantops-prod")),
					)...),
			},
			{
				Config:      env.Config(fmt.Sprintf(`data "tenant_synerise_workspace" "other" { uuid = %q }`, env.Fixtures.SyneriseSecondWorkspaceUUID)),
				ExpectError: regexp.MustCompile(`(?s)A workspace API key can only read its own workspace.*belongs to workspace\s+` + own),
			},
		},
	})
}
