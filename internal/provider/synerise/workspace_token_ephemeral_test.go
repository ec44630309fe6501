package synerise_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// echoFactories add the testing framework's echo provider, which copies its
// configuration (here the ephemeral token) into the state of echo.token so
// that a test can look at the value.
var echoFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"tenant": acctest.ProviderFactories["tenant"],
	"echo":   echoprovider.NewProviderServer(),
}

const tokenEchoConfig = `
ephemeral "tenant_synerise_workspace_token" "this" {}

provider "echo" {
  data = ephemeral.tenant_synerise_workspace_token.this
}

resource "echo" "token" {}
`

var jwtPattern = regexp.MustCompile(`^eyJ[\w-]+\.[\w-]+\.[\w-]+$`)

// checkUsableToken checks that echo.token holds a JWT that opens the
// expected workspace on the emulator's API, as another provider would use
// it, and that expires_at is its expiry about an hour ahead.
func checkUsableToken(env *acctest.Env, wantWorkspace string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources["echo.token"]
		if !ok {
			return fmt.Errorf("echo.token not in state")
		}
		token, expiresAt := rs.Primary.Attributes["data.token"], rs.Primary.Attributes["data.expires_at"]
		if !jwtPattern.MatchString(token) {
			return fmt.Errorf("token %.12q… is not a JWT", token)
		}
		expiry, err := time.Parse(time.RFC3339, expiresAt)
		if err != nil || time.Until(expiry) < 50*time.Minute || time.Until(expiry) > 61*time.Minute {
			return fmt.Errorf("expires_at %q: want RFC 3339 about an hour ahead (%v)", expiresAt, err)
		}
		req, _ := http.NewRequest(http.MethodGet, env.Vars["SYNERISE_API_URL"]+"/uauth/business-profile/current", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var current struct {
			Data struct {
				GUID string `json:"businessProfileGuid"`
			} `json:"data"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&current); err != nil || resp.StatusCode != http.StatusOK || current.Data.GUID != wantWorkspace {
			return fmt.Errorf("the token opened %q (status %d, %v), want workspace %s", current.Data.GUID, resp.StatusCode, err, wantWorkspace)
		}
		return nil
	}
}

func tokenTestCase(t *testing.T, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: echoFactories,
		Steps:                    steps,
	}
}

func TestAccSyneriseWorkspaceToken_apiKey(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, tokenTestCase(t, resource.TestStep{
		Config: env.Config(tokenEchoConfig),
		Check:  checkUsableToken(env, env.Vars["SYNERISE_WORKSPACE_UUID"]),
	}))
}

func TestAccSyneriseWorkspaceToken_userWithoutMFA(t *testing.T) {
	env := acctest.NewEnv(t)
	block := userBlock(env, env.Fixtures.SyneriseNoMFAUsername, env.Fixtures.SyneriseNoMFAPassword, "")
	resource.ParallelTest(t, tokenTestCase(t, resource.TestStep{
		Config: env.ProviderBlockWithSynerise(block) + tokenEchoConfig,
		Check:  checkUsableToken(env, env.Vars["SYNERISE_WORKSPACE_UUID"]),
	}))
}

func TestAccSyneriseWorkspaceToken_userWithTOTP(t *testing.T) {
	env := acctest.NewEnv(t)
	block := userBlock(env, env.Vars["SYNERISE_USERNAME"], env.Vars["SYNERISE_PASSWORD"], env.Vars["SYNERISE_MFA_TOTP_SECRET"])
	resource.ParallelTest(t, tokenTestCase(t, resource.TestStep{
		Config: env.ProviderBlockWithSynerise(block) + tokenEchoConfig,
		Check:  checkUsableToken(env, env.Vars["SYNERISE_WORKSPACE_UUID"]),
	}))
}

func TestAccSyneriseWorkspaceToken_errors(t *testing.T) {
	env := acctest.NewEnv(t)
	user, password := env.Vars["SYNERISE_USERNAME"], env.Vars["SYNERISE_PASSWORD"]
	noWorkspace := fmt.Sprintf("api_url = %q\n    username = %q\n    password = %q",
		env.Vars["SYNERISE_API_URL"], env.Fixtures.SyneriseNoMFAUsername, env.Fixtures.SyneriseNoMFAPassword)
	resource.ParallelTest(t, tokenTestCase(t,
		resource.TestStep{ // MFA asked, no secret: the error names the variable to set.
			Config:      env.ProviderBlockWithSynerise(userBlock(env, user, password, "")) + tokenEchoConfig,
			ExpectError: regexp.MustCompile(`SYNERISE_MFA_TOTP_SECRET`),
		},
		resource.TestStep{ // A wrong secret: the code is refused.
			Config:      env.ProviderBlockWithSynerise(userBlock(env, user, password, "JBSWY3DPEHPK3PXP")) + tokenEchoConfig,
			ExpectError: regexp.MustCompile(`refused\s+the\s+TOTP\s+code`),
		},
		resource.TestStep{ // A user without a selected workspace has no workspace token.
			Config:      env.ProviderBlockWithSynerise(noWorkspace) + tokenEchoConfig,
			ExpectError: regexp.MustCompile(`no Synerise workspace is selected(.|\n)*SYNERISE_WORKSPACE_UUID`),
		},
	))
}
