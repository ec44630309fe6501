package synerise_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

const workspacesConfig = `
data "tenant_synerise_workspaces" "all" {}
data "tenant_synerise_workspace" "current" {}
`

// userBlock is the synerise block of the user mode.
func userBlock(env *acctest.Env, username, password, totpSecret string) string {
	body := fmt.Sprintf("api_url = %q\n    username = %q\n    password = %q\n    workspace_uuid = %q",
		env.Vars["SYNERISE_API_URL"], username, password, env.Vars["SYNERISE_WORKSPACE_UUID"])
	if totpSecret != "" {
		body += fmt.Sprintf("\n    mfa_totp_secret = %q", totpSecret)
	}
	return body
}

func workspaceChecks(env *acctest.Env, listed int) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.tenant_synerise_workspaces.all", tfjsonpath.New("workspaces"), knownvalue.ListSizeExact(listed)),
		statecheck.ExpectKnownValue("data.tenant_synerise_workspace.current", tfjsonpath.New("uuid"), knownvalue.StringExact(env.Vars["SYNERISE_WORKSPACE_UUID"])),
		statecheck.ExpectKnownValue("data.tenant_synerise_workspace.current", tfjsonpath.New("name"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue("data.tenant_synerise_workspace.current", tfjsonpath.New("ip_restricted"), knownvalue.Bool(false)),
	}
}

func TestAccSyneriseWorkspaces_apiKey(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			// An API key sees only its own workspace.
			Config:            env.Config(workspacesConfig),
			ConfigStateChecks: workspaceChecks(env, 1),
		}},
	})
}

func TestAccSyneriseWorkspaces_userWithoutMFA(t *testing.T) {
	env := acctest.NewEnv(t)
	block := userBlock(env, env.Fixtures.SyneriseNoMFAUsername, env.Fixtures.SyneriseNoMFAPassword, "")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            env.ProviderBlockWithSynerise(block) + workspacesConfig,
			ConfigStateChecks: workspaceChecks(env, 2),
		}},
	})
}

func TestAccSyneriseWorkspaces_userWithTOTP(t *testing.T) {
	env := acctest.NewEnv(t)
	block := userBlock(env, env.Vars["SYNERISE_USERNAME"], env.Vars["SYNERISE_PASSWORD"], env.Vars["SYNERISE_MFA_TOTP_SECRET"])
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            env.ProviderBlockWithSynerise(block) + workspacesConfig,
			ConfigStateChecks: workspaceChecks(env, 2),
		}},
	})
}

func TestAccSyneriseWorkspaces_mfaErrors(t *testing.T) {
	env := acctest.NewEnv(t)
	user, password := env.Vars["SYNERISE_USERNAME"], env.Vars["SYNERISE_PASSWORD"]
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{ // MFA asked, no secret: the error names the variable to set.
				Config:      env.ProviderBlockWithSynerise(userBlock(env, user, password, "")) + workspacesConfig,
				ExpectError: regexp.MustCompile(`SYNERISE_MFA_TOTP_SECRET`),
			},
			{ // A wrong secret: the code is refused.
				Config:      env.ProviderBlockWithSynerise(userBlock(env, user, password, "JBSWY3DPEHPK3PXP")) + workspacesConfig,
				ExpectError: regexp.MustCompile(`refused\s+the\s+TOTP\s+code`),
			},
			{ // Bad password.
				Config:      env.ProviderBlockWithSynerise(userBlock(env, user, "wrong-password", "")) + workspacesConfig,
				ExpectError: regexp.MustCompile(`401`),
			},
		},
	})
}
