package provider_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// twoCallsMetadata is the identity provider metadata of
// TestAccSSOConnectionMetadataCallFails: it makes Create a create followed
// by an update that sets it.
const twoCallsMetadata = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk1twocalls">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://twocalls.okta.com/app/exk1twocalls/sso/saml"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`

// TestAccSSOConnectionMetadataCallFails: an SSO connection with metadata is
// made by two calls, a create (POST) and an update (PUT) that sets the
// metadata. With the emulator failing every PUT to the connection, the
// apply fails after the create; the connection is then in the state,
// tainted (not orphaned: Cryptr has no delete, and the organization's only
// connection would block the next create), and it is the one the emulator
// holds. Once the API works again, the next apply replaces it (deactivates
// it, then takes it over and sets it up, metadata included) and converges:
// a plan after it is empty.
func TestAccSSOConnectionMetadataCallFails(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	const domain = "two-calls-co"
	env := acctest.NewEnv(t)
	server := env.Emulator.Server
	cli := env.NewCLI(t)
	cli.WriteFile("main.tf", requiredTenant+hostileCryptrProvider(env, "", "max_retries = 0")+fmt.Sprintf(`
resource "tenant_cryptr_organization" "this" {
  name = "Two Calls Co"
}

resource "tenant_cryptr_sso_connection" "this" {
  organization_domain = tenant_cryptr_organization.this.domain
  provider_type       = "saml.okta"
  metadata_xml        = %q
}
`, twoCallsMetadata))
	cli.MustRun(0, "init", "-input=false")

	server.SetFaults(emulator.Faults{ErrorRate: 1, OnlyMethod: http.MethodPut, OnlyPathPrefix: "/api/v2/org/" + domain + "/sso-connection"})
	out, code := cli.Run("apply", "-input=false", "-auto-approve")
	if code == 0 {
		t.Fatalf("the apply succeeded although every PUT to the SSO connection fails:\n%s", out)
	}
	if flat := hostileFlat(out); !strings.Contains(flat, "Could not set the metadata of the new Cryptr SSO connection") ||
		!strings.Contains(flat, "saved in the state as tainted") {
		t.Errorf("the apply's error does not say the metadata call failed and the connection is kept:\n%s", out)
	}
	if n := server.RequestCounts().Faults.Error; n < 1 {
		t.Fatalf("the emulator failed no request (%d): the test did not exercise the second call", n)
	}

	if list := cli.MustRun(0, "state", "list"); !strings.Contains(list, "tenant_cryptr_sso_connection.this\n") {
		t.Fatalf("the SSO connection is not in the state after its metadata call failed (orphaned):\n%s", list)
	}
	conn := stateResource(t, cli, "tenant_cryptr_sso_connection.this")
	if !conn.Tainted {
		t.Errorf("the SSO connection is in the state but not tainted: the next apply would not set its metadata")
	}
	held := emulatorSSOConnection(t, server, domain)
	if id, _ := conn.Values["id"].(string); id == "" || id != held.ID {
		t.Errorf("the state holds the connection %q, the emulator %q", id, held.ID)
	}
	if held.Metadata != nil {
		t.Errorf("the emulator's connection has metadata although every PUT failed: the test did not fail the second call")
	}

	server.SetFaults(emulator.Faults{})
	out = cli.MustRun(0, "apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "tenant_cryptr_sso_connection.this") {
		t.Errorf("the second apply did not replace the tainted connection:\n%s", out)
	}
	cli.MustRun(0, "plan", "-input=false", "-detailed-exitcode")
	held = emulatorSSOConnection(t, server, domain)
	if !held.Active || held.Metadata == nil || !strings.Contains(*held.Metadata, "exk1twocalls") {
		t.Errorf("after the second apply the emulator's connection is %+v, want it active with the metadata", held)
	}
	if conn := stateResource(t, cli, "tenant_cryptr_sso_connection.this"); conn.Tainted || conn.Values["id"] != held.ID {
		t.Errorf("after the second apply the state holds %v (tainted %v), want the emulator's connection %s", conn.Values["id"], conn.Tainted, held.ID)
	}
}

// stateResourceJSON is a resource of `terraform show -json`'s state.
type stateResourceJSON struct {
	Address string         `json:"address"`
	Tainted bool           `json:"tainted"`
	Values  map[string]any `json:"values"`
}

// stateResource returns the resource at address in the state of cli's
// working directory; it fails the test if there is none.
func stateResource(t *testing.T, cli *acctest.CLI, address string) stateResourceJSON {
	t.Helper()
	var state struct {
		Values struct {
			RootModule struct {
				Resources []stateResourceJSON `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(cli.MustRun(0, "show", "-json")), &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Values.RootModule.Resources {
		if r.Address == address {
			return r
		}
	}
	t.Fatalf("%s is not in the state", address)
	return stateResourceJSON{}
}

// emulatorSSOConnection returns the SSO connection the emulator holds for
// the live organization domain; it fails the test if there is none.
func emulatorSSOConnection(t *testing.T, s *emulator.Server, domain string) emulatorSSO {
	t.Helper()
	for _, o := range s.State().Cryptr.Organizations {
		if o.Domain == domain && !o.Deleted {
			if o.SSOConnection == nil {
				t.Fatalf("the emulator's organization %s has no SSO connection", domain)
			}
			return emulatorSSO{ID: o.SSOConnection.ID, Active: o.SSOConnection.Active, Metadata: o.SSOConnection.Metadata}
		}
	}
	t.Fatalf("the emulator has no live organization %s", domain)
	return emulatorSSO{}
}

// emulatorSSO is what TestAccSSOConnectionMetadataCallFails checks of the
// emulator's SSO connection.
type emulatorSSO struct {
	ID       string
	Active   bool
	Metadata *string
}
