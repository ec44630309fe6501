package fwkit

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestIDShapesAcceptRealIDs: every shape accepts the IDs the APIs hand out
// (the Cryptr reference's samples, the emulator's, the README's), so that
// no valid import ID is refused.
func TestIDShapesAcceptRealIDs(t *testing.T) {
	for _, tt := range []struct {
		shape IDShape
		ids   []string
	}{
		{ShapeDomain, []string{"acme-industries", "barker-inc", "misapret", "looney_tunes", "legacy-customer", "no-such-org", "a", "3m", "b-oreal"}},
		{ShapeEmail, []string{"it@acme.com", "it-team@acme.com", "it_sso_person@sso.client.com", "jane+ops@b-oreal.co"}},
		{ShapeUUID, []string{
			"d6a46443-c7bc-4259-aa5d-ce51cc548b57", "00000000-0000-4000-8000-000000000000",
			"407cc078-46c7-11ed-8e42-000d3a3ba598", "6F1D2C3B-4A5E-4F60-8B7C-9D0E1F2A3B4C",
		}},
		{ShapeCryptrID("webhook", "webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ"), []string{"webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ", "webhook_2RmcDyFCS3jOwaGNh0NufCrpbBD", "webhook_doesnotexist"}},
		{ShapeOpaqueID, []string{
			"9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", "0b6e4f7a-3c2d-4e1f-8a9b-7c6d5e4f3a21", "instance-1", "145",
			"YdxKmK3ZHG8220231101000426", "barker_inc_S6f5ndf8mZqfoBKoxEotMV", "Contoso", "v1.2",
		}},
	} {
		for _, id := range tt.ids {
			if !tt.shape.Match(id) {
				t.Errorf("%s refuses %q", tt.shape.What, id)
			}
		}
	}
}

// TestIDShapesRefuseWrongKinds: each shape refuses the values a person
// gives by mistake instead (a name, an email, a URL, a domain name, ...).
func TestIDShapesRefuseWrongKinds(t *testing.T) {
	for _, tt := range []struct {
		shape IDShape
		ids   []string
	}{
		{ShapeDomain, []string{"", "Globex Corporation", "Acme", "acme.com", "it@acme.com", "acme-", "-acme", "acme industries", " acme", "acme/x"}},
		{ShapeEmail, []string{"", "it", "Jane Doe", "acme-industries", "d6a46443-c7bc-4259-aa5d-ce51cc548b57", "it@acme"}},
		{ShapeUUID, []string{"", "jane@acme.com", "acme-industries", "Jane Doe", "d6a46443c7bc4259aa5dce51cc548b57", "user-1", "1234", "acme.com"}},
		{ShapeCryptrID("webhook", "webhook_x"), []string{"", "Directory sync audit", "webhook_", "hook_abc", "https://hooks.example.com/cryptr", "webhook_a b"}},
		{ShapeOpaqueID, []string{"", "Contoso Ltd", "it@contoso.example", "cc123456.cyrisma.com", "https://cc123456.cyrisma.com", "root/child", " x", "x\t"}},
	} {
		for _, id := range tt.ids {
			if tt.shape.Match(id) {
				t.Errorf("%s accepts %q", tt.shape.What, id)
			}
		}
	}
}

func TestLooksLike(t *testing.T) {
	for value, want := range map[string]string{
		"Globex Corporation":                   "a name",
		"Contoso":                              "a name",
		"jane@acme.com":                        "an email address",
		"d6a46443-c7bc-4259-aa5d-ce51cc548b57": "a UUID",
		"https://app.example.com/callback":     "a URL",
		"acme.com":                             "an internet domain name",
		"acme-industries":                      "an organization domain",
		"webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ":  "a Cryptr webhook id",
		"1234":                                 "a number",
		"acme/it@acme.com":                     `an ID of several parts joined by "/"`,
		" acme":                                "a value with white space around it",
		"Zx9_?":                                "",
	} {
		if got := looksLike(value); got != want {
			t.Errorf("looksLike(%q) = %q, want %q", value, got, want)
		}
	}
}

var (
	testOrgImport = ImportID{
		Resource: "tenant_cryptr_organization",
		Parts: []ImportPart{{Attr: "domain", Of: "the organization's domain", Also: []string{"id"},
			Shape: ShapeDomain.WithSuggestion(func(name string) string { return "Did you mean " + strings.ToLower(name) + "?" })}},
		Find:    "data.tenant_cryptr_organizations lists every organization with its domain.",
		Example: "acme-industries",
	}
	testAdminImport = ImportID{
		Resource: "tenant_cryptr_admin",
		Parts: []ImportPart{
			{Attr: "organization_domain", Of: "the domain of the admin's organization", Shape: ShapeDomain},
			{Attr: "email", Of: "the admin's email", Shape: ShapeEmail},
		},
		Find:    "data.tenant_cryptr_admins lists the admins of an organization.",
		Example: "acme-industries/it@acme.com",
	}
	testUserImport = ImportID{
		Resource: "tenant_cryptr_user",
		Parts: []ImportPart{
			{Attr: "organization_domain", Of: "the domain of the user's organization", Shape: ShapeDomain},
			{Attr: "id", Of: "the user's id", Shape: ShapeUUID},
		},
		Find:    "data.tenant_cryptr_users lists the users.",
		Example: "acme-industries/d6a46443-c7bc-4259-aa5d-ce51cc548b57",
	}
	testInstanceImport = ImportID{
		Resource: "tenant_cyrisma_instance",
		Parts:    []ImportPart{{Attr: "id", Of: "the instance's ID", Shape: ShapeOpaqueID}},
		Find:     "data.tenant_cyrisma_instances lists the instances.",
		Example:  "9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
	}
)

func TestImportIDParseAcceptsRightShapes(t *testing.T) {
	for _, tt := range []struct {
		spec ImportID
		id   string
		want []string
	}{
		{testOrgImport, "acme-industries", []string{"acme-industries"}},
		{testOrgImport, "no-such-org", []string{"no-such-org"}}, // names nothing: Read finds out, as before
		{testAdminImport, "acme-industries/it@acme.com", []string{"acme-industries", "it@acme.com"}},
		{testAdminImport, "barker-inc/nobody@barker.co", []string{"barker-inc", "nobody@barker.co"}},
		{testUserImport, "acme/d6a46443-c7bc-4259-aa5d-ce51cc548b57", []string{"acme", "d6a46443-c7bc-4259-aa5d-ce51cc548b57"}},
		{testInstanceImport, "00000000-0000-4000-8000-000000000000", []string{"00000000-0000-4000-8000-000000000000"}},
	} {
		got, err := tt.spec.Parse(tt.id)
		if err != nil || strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: Parse(%q) = %v, %v; want %v", tt.spec.Resource, tt.id, got, err, tt.want)
		}
	}
}

// TestImportIDParseMessages: a wrong ID's message says what the ID must be,
// what was given, where to find the right one, and gives an example.
func TestImportIDParseMessages(t *testing.T) {
	for _, tt := range []struct {
		spec ImportID
		id   string
		want []string
	}{
		{testOrgImport, "Globex Corporation", []string{
			`The import ID "Globex Corporation" does not have the expected format "domain": it looks like a name, not an organization domain. Did you mean globex corporation?`,
			`Expected: the organization's domain: lowercase letters, digits and dashes, such as acme-industries.`,
			`Where to find it: data.tenant_cryptr_organizations lists every organization with its domain.`,
			`For example: terraform import tenant_cryptr_organization.<name> acme-industries`,
		}},
		{testOrgImport, "acme.com", []string{`it looks like an internet domain name, not an organization domain.`}},
		{testOrgImport, "", []string{`The import ID "" does not have the expected format "domain": it is empty.`}},
		{testAdminImport, "it@barker.co", []string{
			`The import ID "it@barker.co" does not have the expected format "organization_domain/email": it has 1 part where 2 are expected, joined by "/" ("it@barker.co" looks like an email address): the organization_domain part is missing, the ID should be <organization_domain>/it@barker.co.`,
			"Expected: organization_domain/email, where\n" +
				"  - organization_domain is the domain of the admin's organization: lowercase letters, digits and dashes, such as acme-industries\n" +
				"  - email is the admin's email: an email address such as it@acme.com\n",
			`Where to find it: data.tenant_cryptr_admins lists the admins of an organization.`,
			`For example: terraform import tenant_cryptr_admin.<name> acme-industries/it@acme.com`,
		}},
		{testAdminImport, "barker-inc", []string{`the email part is missing, the ID should be barker-inc/<email>.`}},
		{testAdminImport, "Barker Inc/it@barker.co", []string{`its organization_domain part, "Barker Inc", looks like a name, not an organization domain.`}},
		{testAdminImport, "barker-inc/", []string{`its email part is empty.`}},
		{testAdminImport, "a/b/c", []string{`it has 3 parts where 2 are expected, joined by "/".`}},
		{testUserImport, "acme/jane@acme.com", []string{`its id part, "jane@acme.com", looks like an email address, not a UUID.`}},
		{testUserImport, "just-an-id", []string{`expected format "organization_domain/id": it has 1 part where 2 are expected`}},
		{testInstanceImport, "Contoso Ltd", []string{
			`The import ID "Contoso Ltd" does not have the expected format "id": it looks like a name, not an ID.`,
			`Where to find it: data.tenant_cyrisma_instances lists the instances.`,
			`For example: terraform import tenant_cyrisma_instance.<name> 9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d`,
		}},
		{testInstanceImport, "cc123456.cyrisma.com", []string{`it looks like an internet domain name, not an ID.`}},
		{testInstanceImport, "root/child", []string{`it has 2 parts where 1 is expected, joined by "/".`}},
	} {
		_, err := tt.spec.Parse(tt.id)
		if err == nil {
			t.Errorf("%s: Parse(%q) accepted", tt.spec.Resource, tt.id)
			continue
		}
		for _, want := range tt.want {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: Parse(%q):\n%s\nlacks:\n%s", tt.spec.Resource, tt.id, err, want)
			}
		}
	}
}

// TestImportInto sets every attribute of the ID, or only reports the error.
func TestImportInto(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true}, "domain": schema.StringAttribute{Required: true},
	}}
	newResp := func() *resource.ImportStateResponse {
		return &resource.ImportStateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
	}

	resp := newResp()
	ImportInto(ctx, resource.ImportStateRequest{ID: "acme-industries"}, resp, testOrgImport)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	for _, attr := range []string{"id", "domain"} {
		var got string
		resp.State.GetAttribute(ctx, path.Root(attr), &got)
		if got != "acme-industries" {
			t.Errorf("%s = %q, want acme-industries", attr, got)
		}
	}

	resp = newResp()
	ImportInto(ctx, resource.ImportStateRequest{ID: "Globex Corporation"}, resp, testOrgImport)
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary() != "Invalid import ID" ||
		!regexp.MustCompile(`looks like a name.*data\.tenant_cryptr_organizations`).MatchString(strings.ReplaceAll(resp.Diagnostics[0].Detail(), "\n", " ")) {
		t.Fatalf("want one Invalid import ID error, got %v", resp.Diagnostics)
	}
	if !resp.State.Raw.IsNull() {
		t.Errorf("a wrong ID must set nothing, state is %v", resp.State.Raw)
	}
}
