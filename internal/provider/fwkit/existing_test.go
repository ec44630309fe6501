package fwkit

import (
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

func TestExistsDetailGivesTheImportBlockAndCommand(t *testing.T) {
	exists := &httpclient.ExistsError{Service: "Cryptr", Kind: "organization", Key: `name "Acme"`,
		Refusal: &httpclient.APIError{Service: "Cryptr", Method: "POST", Path: "/api/v2/organizations", StatusCode: 422,
			FieldErrors: map[string][]string{"name": {"has already been taken"}}}}
	detail := existsDetail("tenant_cryptr_organization", "acme", exists)
	for _, want := range []string{
		`A Cryptr organization with name "Acme" already exists`,
		"name: has already been taken",
		"import {\n  to = tenant_cryptr_organization.<name>\n  id = \"acme\"\n}",
		"\n  terraform import 'tenant_cryptr_organization.<name>' 'acme'\n",
		"adopt_existing = true", "TENANT_ADOPT_EXISTING=true",
		"off by default because it could take over an object that someone else made by hand",
	} {
		if !strings.Contains(detail, want) {
			t.Errorf("the detail lacks %q:\n%s", want, detail)
		}
	}
}
