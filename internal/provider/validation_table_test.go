package provider_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tenantops/terraform-provider-tenant/internal/provider"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// Object-level checks, which validationCase.check names instead of a
// validator of the attribute.
const (
	checkValidateConfig   = "ValidateConfig"   // the type's ValidateConfig method
	checkConfigValidators = "ConfigValidators" // the type's ConfigValidators
	checkModifyPlan       = "ModifyPlan"       // the resource's ModifyPlan, run by `terraform plan`
)

// validationCase is one bad input and the diagnostic Terraform must report
// for it before anything is applied.
type validationCase struct {
	// block is the configuration block the case writes: "provider",
	// "resource.TYPE", "data.TYPE" or "ephemeral.TYPE".
	block string
	// attr is the path of the bad attribute, dot-separated through nested
	// blocks (timeouts.create, cryptr.service_url).
	attr string
	// check names what rejects the value: a substring of the Go type of
	// one of attr's validators (such as "noSurroundingSpace" or
	// "stringvalidator.oneOf"), or checkValidateConfig,
	// checkConfigValidators or checkModifyPlan.
	check string
	// value is the bad value, an HCL expression written on one line.
	value string
	// with sets other attributes of the block (HCL expressions, "null"
	// removes a baseline attribute), for checks across attributes.
	with map[string]string
	// want must match the diagnostic's summary and detail.
	want string
	// unnamed, when not empty, says why the diagnostic's text does not
	// name the attribute: then only its range has to point at it. The test
	// fails if the text names it after all, so that the exception goes.
	unnamed string
	// before is, for a checkModifyPlan case, the value applied first; when
	// empty the block is not applied first, and the plan creates it.
	before string
}

// The valid attributes of each block the cases write, in `terraform
// validate` (no references, nothing exists). Each case sets its bad value
// over these, and each also appears alone, as a baseline that must not err.
var validateBaselines = map[string]map[string]string{
	"provider":                                     {},
	"resource.tenant_cryptr_organization":          {"name": `"Acme Industries"`},
	"resource.tenant_cryptr_sso_connection":        {"organization_domain": `"acme"`, "provider_type": `"saml.okta"`},
	"resource.tenant_cryptr_redirect_uri":          {"uri": `"https://app.example.com/callback"`},
	"resource.tenant_cryptr_directory_sync":        {"organization_domain": `"acme"`},
	"resource.tenant_cryptr_password_connection":   {"organization_domain": `"acme"`},
	"resource.tenant_cryptr_magic_link_connection": {"organization_domain": `"acme"`},
	"resource.tenant_cryptr_totp_connection":       {"organization_domain": `"acme"`},
	"resource.tenant_cryptr_admin":                 {"organization_domain": `"acme"`, "email": `"it@acme.com"`},
	"resource.tenant_cryptr_user":                  {"organization_domain": `"acme"`, "email": `"jane@acme.com"`},
	"resource.tenant_cryptr_webhook": {
		"name": `"Audit"`, "target_url": `"https://hooks.example.com/cryptr"`, "event_codes": `["all"]`,
	},
	"resource.tenant_cyrisma_instance": {
		"parent_instance_id": `"root"`, "instance_type": `"standard"`, "name": `"Contoso Ltd"`,
		"short_name": `"Contoso"`, "country": `"US"`, "email": `"it@contoso.example"`,
	},
	"resource.tenant_cyrisma_user": {
		"instance_id": `"org"`, "username": `"jane@msp.example"`, "first_name": `"Jane"`, "last_name": `"Doe"`,
	},
	"resource.tenant_synerise_ip_allowlist":    {"enabled": "false"},
	"data.tenant_cryptr_admin":                 {"organization_domain": `"acme"`, "email": `"it@acme.com"`},
	"data.tenant_cryptr_directory_sync":        {"organization_domain": `"acme"`},
	"data.tenant_cryptr_magic_link_connection": {"organization_domain": `"acme"`},
	"data.tenant_cryptr_password_connection":   {"organization_domain": `"acme"`},
	"data.tenant_cryptr_totp_connection":       {"organization_domain": `"acme"`},
	"data.tenant_cryptr_organizations":         {},
	"data.tenant_cryptr_user":                  {"organization_domain": `"acme"`, "id": `"user-1"`},
	"data.tenant_cryptr_webhook_events":        {},
	"data.tenant_cyrisma_instance":             {"id": `"instance-1"`},
	"data.tenant_cryptr_organization":          {"domain": `"acme"`},
	"data.tenant_cryptr_sso_connection":        {"organization_domain": `"acme"`},
	"data.tenant_cryptr_admins":                {"organization_domain": `"acme"`},
	"data.tenant_cryptr_users":                 {"organization_domain": `"acme"`},
	"data.tenant_cyrisma_user":                 {"id": `"user-1"`},
	"data.tenant_cyrisma_instances":            {},
	"data.tenant_synerise_api_key_permissions": {"permissions": `["API_PROFILES_READ"]`},
	"data.tenant_synerise_workspace":           {},
}

// The valid attributes of the blocks of the checkModifyPlan cases, which
// `terraform plan` checks against the emulator, after planFixtures are
// applied.
var planBaselines = map[string]map[string]string{
	"resource.tenant_cryptr_sso_connection": {
		"organization_domain": "tenant_cryptr_organization.fixture.domain", "provider_type": `"saml.okta"`,
	},
	"resource.tenant_cyrisma_instance": {
		"parent_instance_id": "data.tenant_cyrisma_instances.root.instances[0].id", "instance_type": `"standard"`,
		"name": `"Validation Managed"`, "short_name": `"ValManaged"`, "country": `"US"`, "email": `"it@managed.example"`,
	},
	"resource.tenant_cyrisma_user": {
		"instance_id": "data.tenant_cyrisma_instances.root.instances[0].id", "username": `"plan@msp.example"`,
		"first_name": `"Plan"`, "last_name": `"Case"`,
	},
}

// planFixtures are the objects the checkModifyPlan cases refer to.
const planFixtures = `
terraform {
  required_providers {
    tenant = { source = "tenantops/tenant" }
  }
}

provider "tenant" {}

data "tenant_cyrisma_instances" "root" {
  parent_id = ""
}

resource "tenant_cryptr_organization" "fixture" {
  name = "Validation Table"
}

resource "tenant_cyrisma_instance" "fixture_standard" {
  parent_instance_id = data.tenant_cyrisma_instances.root.instances[0].id
  instance_type      = "standard"
  name               = "Validation Standard"
  short_name         = "ValStandard"
  country            = "US"
  email              = "it@standard.example"
}
`

// Diagnostics whose text does not name the attribute (the range does).
const (
	unnamedTimeouts = "terraform-plugin-framework-timeouts' duration validator names the value, not the attribute"
	unnamedCyrisma  = "the Cyrisma user's ModifyPlan names the instance, not instance_id"
)

// validationCases is the table: at least one case for every validator of
// every attribute of the provider's schemas, and for every ValidateConfig,
// ConfigValidators and ModifyPlan. TestValidationTableComplete enforces it.
var validationCases = []validationCase{
	// The provider block.
	{block: "provider", attr: "request_timeout", check: "durationValidator", value: `"1ms"`, want: `Invalid duration.*at least 1s`},
	{block: "provider", attr: "request_timeout", check: "durationValidator", value: `"soon"`, want: `must be a duration such as`},
	{block: "provider", attr: "max_retry_duration", check: "durationValidator", value: `"500ms"`, want: `Invalid duration.*at least 1s`},
	{block: "provider", attr: "max_retries", check: "int64validator.between", value: `-1`, want: `between 0 and 20, got: -1`},
	{block: "provider", attr: "max_retries", check: "int64validator.between", value: `21`, want: `between 0 and 20, got: 21`},
	{block: "provider", attr: "cryptr.service_url", check: "baseURLValidator", value: `"http://auth.example.com"`, want: `Invalid URL.*must use https://`},
	{block: "provider", attr: "cyrisma.api_url", check: "baseURLValidator", value: `"api.cyrisma.com/app"`, want: `Invalid URL`},
	{block: "provider", attr: "synerise.api_url", check: "baseURLValidator", value: `"ftp://api.synerise.com"`, want: `Invalid URL`},
	{block: "provider", attr: "synerise.region", check: "stringvalidator.oneOf", value: `"mars"`, want: `value must be one of.*"azure"`},
	{block: "provider", attr: "synerise.api_key", check: "stringvalidator.regexMatches", value: `"not-a-uuid"`, want: `must be a UUID`},
	{block: "provider", attr: "synerise.api_key", check: "ConflictsWith", value: `"6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c"`,
		with: map[string]string{"synerise.username": `"ops@example.com"`}, want: `Invalid Attribute Combination.*username`},
	{block: "provider", attr: "synerise.workspace_uuid", check: "stringvalidator.regexMatches", value: `"workspace-1"`, want: `must be a UUID`},
	{block: "provider", attr: "cryptr.max_requests_per_second", check: "float64validator.between", value: `-1`, want: `value must be between 0\.0+ and 10000\.0+, got: -1`},
	{block: "provider", attr: "cyrisma.max_requests_per_second", check: "float64validator.between", value: `10001`, want: `value must be between 0\.0+ and 10000\.0+, got: 10001`},
	{block: "provider", attr: "synerise.max_requests_per_second", check: "float64validator.between", value: `-0.5`, want: `value must be between 0\.0+ and 10000\.0+, got: -0\.5`},

	// Cryptr resources.
	{block: "resource.tenant_cryptr_organization", attr: "name", check: "regexMatches", value: `"   "`, want: `must not be blank`},
	{block: "resource.tenant_cryptr_organization", attr: "allowed_email_domains", check: "setvalidator.valueStringsAre", value: `["Acme.COM"]`, want: `must be a lowercase domain name`},
	{block: "resource.tenant_cryptr_organization", attr: "allowed_email_domains", check: "setvalidator.valueStringsAre", value: `["acme.com", "@acme.io"]`, want: `must be a lowercase domain name`},
	{block: "resource.tenant_cryptr_organization", attr: "timeouts.create", check: "timeDuration", value: `"15 minutes"`, want: `Time Duration.*must be a string containing a sequence of decimal numbers`, unnamed: unnamedTimeouts},

	{block: "resource.tenant_cryptr_sso_connection", attr: "organization_domain", check: "regexMatches", value: `"Acme Corp"`, want: `must be an organization domain`},
	{block: "resource.tenant_cryptr_sso_connection", attr: "provider_type", check: "oneOfSuggesting", value: `"okta"`, want: `Invalid provider_type.*got "okta": did you mean "saml.okta"\?`},
	{block: "resource.tenant_cryptr_sso_connection", attr: "provider_type", check: "oneOfSuggesting", value: `"saml.okat"`, want: `must be one of "saml.azure_ad".*"unset", got "saml.okat": did you mean "saml.okta"\?.*neither change`},
	{block: "resource.tenant_cryptr_sso_connection", attr: "provider_type", check: "oneOfSuggesting", value: `"saml.google"`, want: `must be one of .*"saml.custom" or "unset", got "saml.google"\. Cryptr`},
	{block: "resource.tenant_cryptr_sso_connection", attr: "users_access_policy", check: "oneOf", value: `"everyone"`, want: `value must be one of.*only_registered_users`},
	{block: "resource.tenant_cryptr_sso_connection", attr: "number_users_provisioning_limit", check: "atLeast", value: `0`, want: `must be at least 1, got: 0`},
	{block: "resource.tenant_cryptr_sso_connection", attr: "metadata_xml", check: "wellFormedXML", value: `"<md:EntityDescriptor entityID=\"x\">"`, want: `well-formed XML`},

	{block: "resource.tenant_cryptr_redirect_uri", attr: "uri", check: "absoluteURI", value: `"/callback"`, want: `must be an absolute URI`},
	{block: "resource.tenant_cryptr_redirect_uri", attr: "uri", check: "absoluteURI", value: `"https://app.example.com/callback#top"`, want: `fragment`},

	{block: "resource.tenant_cryptr_directory_sync", attr: "organization_domain", check: "regexMatches", value: `"Barker Inc"`, want: `must be an organization domain`},
	{block: "resource.tenant_cryptr_directory_sync", attr: "token_rotation", check: "lengthAtLeast", value: `""`, want: `string length must be at least 1`},

	{block: "resource.tenant_cryptr_password_connection", attr: "organization_domain", check: "regexMatches", value: `"barker_inc_"`, want: `must be an organization domain`},
	{block: "resource.tenant_cryptr_password_connection", attr: "forgot_password_template_id", check: "regexMatches", value: `"forgot-password"`, want: `must be a UUID`},
	{block: "resource.tenant_cryptr_password_connection", attr: "pepper_rotation_period", check: "atLeast", value: `0`, want: `must be at least 1`},
	{block: "resource.tenant_cryptr_password_connection", attr: "plain_text_min_length", check: "atLeast", value: `0`, want: `must be at least 1`},
	{block: "resource.tenant_cryptr_password_connection", attr: "plain_text_max_length", check: "atLeast", value: `1`, want: `must be at least 2`},
	{block: "resource.tenant_cryptr_password_connection", attr: "plain_text_min_length", check: checkValidateConfig, value: `64`,
		with: map[string]string{"plain_text_max_length": `12`}, want: `Invalid password lengths.*lower than plain_text_max_length`},
	{block: "resource.tenant_cryptr_password_connection", attr: "plain_text_min_length", check: checkValidateConfig, value: `200`, want: `Invalid password lengths`},

	{block: "resource.tenant_cryptr_magic_link_connection", attr: "organization_domain", check: "regexMatches", value: `"-acme"`, want: `must be an organization domain`},
	{block: "resource.tenant_cryptr_magic_link_connection", attr: "sign_in_template_id", check: "regexMatches", value: `"welcome"`, want: `must be a UUID`},

	{block: "resource.tenant_cryptr_totp_connection", attr: "organization_domain", check: "regexMatches", value: `"ACME"`, want: `must be an organization domain`},
	{block: "resource.tenant_cryptr_totp_connection", attr: "method", check: "oneOf", value: `"email"`, want: `value must be one of.*totp_mobile_app`},
	{block: "resource.tenant_cryptr_totp_connection", attr: "expiry_in_seconds", check: "between", value: `10`, want: `between 30 and 900, got: 10`},
	{block: "resource.tenant_cryptr_totp_connection", attr: "expiry_in_seconds", check: "between", value: `3600`, want: `between 30 and 900, got: 3600`},

	{block: "resource.tenant_cryptr_admin", attr: "email", check: "noSurroundingSpace", value: `"it@acme.com "`, want: `Surrounding white space`},
	{block: "resource.tenant_cryptr_admin", attr: "email", check: "regexMatches", value: `"it-at-acme.com"`, want: `must be an email address`},
	{block: "resource.tenant_cryptr_admin", attr: "organization_domain", check: "regexMatches", value: `"Barker Inc"`, want: `must be an organization domain`},

	{block: "resource.tenant_cryptr_user", attr: "email", check: "noSurroundingSpace", value: `" jane@acme.com"`, want: `Surrounding white space`},
	{block: "resource.tenant_cryptr_user", attr: "email", check: "regexMatches", value: `"jane"`, want: `must be an email address`},
	{block: "resource.tenant_cryptr_user", attr: "organization_domain", check: "regexMatches", value: `"acme\t"`, want: `must be an organization domain`},
	{block: "resource.tenant_cryptr_user", attr: "phone_number", check: "regexMatches", value: `"01 23 45 67 89"`, want: `E\.164`},
	{block: "resource.tenant_cryptr_user", attr: "metadata", check: "keysAre", value: `{ "" = "E-1042" }`, want: `string length must be at least 1`},
	{block: "resource.tenant_cryptr_user", attr: "metadata", check: "keysAre", value: `{ " employee_id" = "E-1042" }`, want: `must not start or end with white space`},
	{block: "resource.tenant_cryptr_user", attr: "metadata", check: "mapvalidator.valueStringsAre", value: `{ employee_id = "" }`, want: `string length must be at least 1`},

	{block: "resource.tenant_cryptr_webhook", attr: "name", check: "regexMatches", value: `""`, want: `must not be blank`},
	{block: "resource.tenant_cryptr_webhook", attr: "target_url", check: "absoluteHTTPURL", value: `"ftp://hooks.example.com"`, want: `must be an absolute http:// or https:// URL`},
	{block: "resource.tenant_cryptr_webhook", attr: "target_url", check: "absoluteHTTPURL", value: `"https:///path"`, want: `must be an absolute http:// or https:// URL`},
	{block: "resource.tenant_cryptr_webhook", attr: "event_codes", check: "sizeAtLeast", value: `[]`, want: `set must contain at least 1 elements`},
	{block: "resource.tenant_cryptr_webhook", attr: "event_codes", check: "valueStringsAre", value: `["dir_sync.user.moved"]`, want: `value must be one of`},

	{block: "resource.tenant_cryptr_user", attr: "profile.birthdate", check: "regexMatches", value: `"31/12/1990"`, want: `YYYY-MM-DD`},
	{block: "resource.tenant_cryptr_user", attr: "profile.gender", check: "oneOf", value: `"unknown"`, want: `value must be one of.*"male" "female"`},
	{block: "resource.tenant_cryptr_user", attr: "profile.picture", check: "regexMatches", value: `"jane.png"`, want: `must be an absolute http:// or https:// URL`},
	{block: "resource.tenant_cryptr_user", attr: "profile.website", check: "regexMatches", value: `"www.acme.com"`, want: `must be an absolute http:// or https:// URL`},

	// Cyrisma resources.
	{block: "resource.tenant_cyrisma_instance", attr: "parent_instance_id", check: "noSurroundingSpace", value: `"root "`, want: `Surrounding white space`},
	{block: "resource.tenant_cyrisma_instance", attr: "instance_type", check: "oneOf", value: `"customer"`, want: `value must be one of.*"organization" "standard"`},
	{block: "resource.tenant_cyrisma_instance", attr: "instance_type", check: "noSurroundingSpace", value: `"standard "`, want: `Surrounding white space`},
	{block: "resource.tenant_cyrisma_instance", attr: "mfa_method", check: "oneOf", value: `"sms"`, want: `value must be one of.*authenticator`},
	{block: "resource.tenant_cyrisma_instance", attr: "timeouts.create", check: "timeDuration", value: `"1 hour"`, want: `must be a string containing a sequence of decimal numbers`, unnamed: unnamedTimeouts},
	{block: "resource.tenant_cyrisma_instance", attr: "timeouts.delete", check: "timeDuration", value: `"forever"`, want: `must be a string containing a sequence of decimal numbers`, unnamed: unnamedTimeouts},
	{block: "resource.tenant_cyrisma_instance", attr: "managed", check: checkValidateConfig, value: `false`,
		with: map[string]string{"instance_type": `"organization"`}, want: `Organizations cannot be trials.*managed = false`},
	{block: "resource.tenant_cyrisma_instance", attr: "managed", check: checkModifyPlan, before: `true`, value: `false`, want: `Managed instances cannot become trials again.*managed = true`},

	{block: "resource.tenant_cyrisma_instance", attr: "email", check: "regexMatches", value: `"soc-at-msp.example"`, want: `must be an email address`},

	{block: "resource.tenant_cyrisma_user", attr: "username", check: "regexMatches", value: `"jane"`, want: `must be an email address`},
	{block: "resource.tenant_cyrisma_user", attr: "username", check: "noSurroundingSpace", value: `"jane@msp.example\n"`, want: `Surrounding white space`},
	{block: "resource.tenant_cyrisma_user", attr: "instance_id", check: checkModifyPlan, value: `"00000000-0000-4000-8000-000000000000"`, want: `Cyrisma instance not found`, unnamed: unnamedCyrisma},
	{block: "resource.tenant_cyrisma_user", attr: "instance_id", check: checkModifyPlan, value: `tenant_cyrisma_instance.fixture_standard.id`, want: `Cyrisma users belong to organizations.*"standard" instance`, unnamed: unnamedCyrisma},

	{block: "resource.tenant_cryptr_sso_connection", attr: "provider_type", check: checkModifyPlan, before: `"saml.okta"`, value: `"saml.azure_ad"`, want: `provider_type cannot change.*Keep provider_type = "saml.okta"`},

	// Synerise resources.
	{block: "resource.tenant_synerise_ip_allowlist", attr: "ip_policy", check: "valueStringsAre", value: `["10.0.0.1/8"]`, want: `has host bits set.*"10.0.0.0/8"`},
	{block: "resource.tenant_synerise_ip_allowlist", attr: "ip_policy", check: "valueStringsAre", value: `["2001:DB8::1"]`, want: `Invalid ip_policy entry`},
	{block: "resource.tenant_synerise_ip_allowlist", attr: "ip_policy", check: "valueStringsAre", value: `["localhost"]`, want: `is neither an IPv4 or IPv6 address.*nor a CIDR block`},

	// Data sources.
	{block: "data.tenant_cryptr_admin", attr: "email", check: "noSurroundingSpace", value: `" it@acme.com"`, want: `Surrounding white space`},
	{block: "data.tenant_cryptr_admin", attr: "email", check: "regexMatches", value: `"it@acme"`, want: `must be an email address`},
	{block: "data.tenant_cryptr_directory_sync", attr: "organization_domain", check: "regexMatches", value: `"acme.com"`, want: `must be an organization domain`},
	{block: "data.tenant_cryptr_magic_link_connection", attr: "organization_domain", check: "regexMatches", value: `"Acme"`, want: `must be an organization domain`},
	{block: "data.tenant_cryptr_password_connection", attr: "organization_domain", check: "regexMatches", value: `"acme inc"`, want: `must be an organization domain`},
	{block: "data.tenant_cryptr_totp_connection", attr: "organization_domain", check: "regexMatches", value: `""`, want: `must be an organization domain`},
	{block: "data.tenant_cryptr_organizations", attr: "environment_statuses", check: "valueStringsAre", value: `["sideways"]`, want: `value must be one of.*"up" "down"`},
	{block: "data.tenant_cryptr_user", attr: "email", check: "noSurroundingSpace", value: `"jane@acme.com "`, want: `Surrounding white space`},
	{block: "data.tenant_cryptr_user", attr: "email", check: "regexMatches", value: `"jane at acme"`, want: `must be an email address`},
	{block: "data.tenant_cryptr_user", attr: "email", check: checkConfigValidators, value: `"jane@acme.com"`, want: `\[id,email\]`},
	{block: "data.tenant_cryptr_user", attr: "id", check: checkConfigValidators, value: `null`, want: `Exactly one of these attributes must be configured: \[id,email\]`},
	{block: "data.tenant_cryptr_webhook_events", attr: "event_codes", check: "valueStringsAre", value: `["sso_saml.all"]`, want: `value must be one of`},
	{block: "data.tenant_cryptr_webhook_events", attr: "states", check: "valueStringsAre", value: `["failed"]`, want: `value must be one of.*"available"`},
	{block: "data.tenant_cryptr_organization", attr: "domain", check: "regexMatches", value: `"Acme"`, want: `must be an organization domain`},
	{block: "data.tenant_cryptr_sso_connection", attr: "organization_domain", check: "regexMatches", value: `"acme_"`, want: `must be an organization domain`},
	{block: "data.tenant_cryptr_admin", attr: "organization_domain", check: "regexMatches", value: `"acme corp"`, want: `must be an organization domain`},
	{block: "data.tenant_cryptr_admins", attr: "organization_domain", check: "regexMatches", value: `"-acme"`, want: `must be an organization domain`},
	{block: "data.tenant_cryptr_user", attr: "organization_domain", check: "regexMatches", value: `"ACME"`, want: `must be an organization domain`},
	{block: "data.tenant_cryptr_users", attr: "organization_domain", check: "regexMatches", value: `"acme.com"`, want: `must be an organization domain`},
	{block: "data.tenant_cyrisma_user", attr: "id", check: "lengthAtLeast", value: `""`, want: `string length must be at least 1`},
	{block: "data.tenant_cyrisma_user", attr: "id", check: "noSurroundingSpace", value: `"user-1 "`, want: `Surrounding white space`},
	{block: "data.tenant_cyrisma_instance", attr: "id", check: "lengthAtLeast", value: `""`, want: `string length must be at least 1`},
	{block: "data.tenant_cyrisma_instance", attr: "id", check: "noSurroundingSpace", value: `" instance-1"`, want: `Surrounding white space`},
	{block: "data.tenant_cyrisma_instances", attr: "instance_type", check: "oneOf", value: `"customer"`, want: `value must be one of`},
	{block: "data.tenant_synerise_api_key_permissions", attr: "permissions", check: "sizeAtLeast", value: `[]`, want: `set must contain at least 1 elements`},
	{block: "data.tenant_synerise_api_key_permissions", attr: "permissions", check: "valueStringsAre", value: `[""]`, want: `string length must be at least 1`},
	{block: "data.tenant_synerise_api_key_permissions", attr: "permissions", check: "valueStringsAre", value: `["API_PROFILES_READ "]`, want: `white space`},
	{block: "data.tenant_synerise_workspace", attr: "uuid", check: "regexMatches", value: `"6f1d2c3b4a5e4f608b7c9d0e1f2a3b4c"`, want: `must be a UUID`},
}

// The attributes that share validators: the Cyrisma ones need at least one
// character and no surrounding white space, the optional claims of a Cryptr
// user at least one character.
func init() {
	for _, attr := range []string{
		"profile.birthdate", "profile.family_name", "profile.gender", "profile.given_name", "profile.locale", "profile.nickname",
		"profile.picture", "profile.preferred_username", "profile.website", "profile.zoneinfo",
		"address.country", "address.formatted", "address.locality", "address.postal_code", "address.region", "address.street_address",
	} {
		validationCases = append(validationCases, validationCase{
			block: "resource.tenant_cryptr_user", attr: attr, check: "lengthAtLeast", value: `""`, want: `string length must be at least 1, got: 0`,
		})
	}
	for block, attrs := range map[string][]string{
		"resource.tenant_cyrisma_instance": {"name", "short_name", "country", "email", "street", "city", "state", "postal", "tenant_id"},
		"resource.tenant_cyrisma_user":     {"instance_id", "first_name", "last_name"},
	} {
		for _, attr := range attrs {
			validationCases = append(validationCases,
				validationCase{block: block, attr: attr, check: "lengthAtLeast", value: `""`, want: `string length must be at least 1, got: 0`},
				validationCase{block: block, attr: attr, check: "noSurroundingSpace", value: `" x "`, want: `Surrounding white space.*got " x "`})
		}
	}
}

// nestedAttributes holds "<block> <path>" for every nested attribute of the
// schemas (such as "resource.tenant_cryptr_user profile"), which the
// configurations write as objects rather than blocks; schemaChecks fills
// it.
var nestedAttributes = map[string]bool{}

// schemaCheck is one validator of one attribute, or one object-level check
// of a block, that the schemas declare.
type schemaCheck struct {
	block, attr string
	// what is "<Go type of the validator>: <its description>", or
	// checkValidateConfig, checkConfigValidators or checkModifyPlan (with
	// an empty attr).
	what string
}

// schemaChecks walks the provider's schemas in process, once, and returns
// every validator of every attribute and block, at any depth, of the
// provider block, the resources, the data sources and the ephemeral
// resources, and the object-level checks they implement. It fills
// nestedAttributes on the way.
var schemaChecks = sync.OnceValue(func() []schemaCheck {
	ctx := context.Background()
	p := provider.New("test")()
	var out []schemaCheck
	walk := func(block string, schema any) {
		walkValidators(reflect.ValueOf(schema), "", func(attr, what string) {
			out = append(out, schemaCheck{block, attr, what})
		}, func(attr string) { nestedAttributes[block+" "+attr] = true })
	}
	object := func(block string, implements map[string]bool) {
		for what, ok := range implements {
			if ok {
				out = append(out, schemaCheck{block: block, what: what})
			}
		}
	}

	var ps fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &ps)
	walk("provider", ps.Schema)
	_, pvc := p.(fwprovider.ProviderWithValidateConfig)
	_, pcv := p.(fwprovider.ProviderWithConfigValidators)
	object("provider", map[string]bool{checkValidateConfig: pvc, checkConfigValidators: pcv})

	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "tenant"}, &m)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		block := "resource." + m.TypeName
		walk(block, s.Schema)
		_, vc := r.(resource.ResourceWithValidateConfig)
		_, cv := r.(resource.ResourceWithConfigValidators)
		// Every resource has fwkit.ResourceBase's ModifyPlan (the settings
		// check, covered by TestEveryResourceChecksItsSettingsAtPlan): the
		// cases are for the resources' own.
		mp := declaresModifyPlan(r)
		object(block, map[string]bool{checkValidateConfig: vc, checkConfigValidators: cv, checkModifyPlan: mp})
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var m datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "tenant"}, &m)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		block := "data." + m.TypeName
		walk(block, s.Schema)
		_, vc := d.(datasource.DataSourceWithValidateConfig)
		_, cv := d.(datasource.DataSourceWithConfigValidators)
		object(block, map[string]bool{checkValidateConfig: vc, checkConfigValidators: cv})
	}
	if pe, ok := p.(fwprovider.ProviderWithEphemeralResources); ok {
		for _, newEphemeral := range pe.EphemeralResources(ctx) {
			e := newEphemeral()
			var m ephemeral.MetadataResponse
			e.Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "tenant"}, &m)
			var s ephemeral.SchemaResponse
			e.Schema(ctx, ephemeral.SchemaRequest{}, &s)
			block := "ephemeral." + m.TypeName
			walk(block, s.Schema)
			_, vc := e.(ephemeral.EphemeralResourceWithValidateConfig)
			_, cv := e.(ephemeral.EphemeralResourceWithConfigValidators)
			object(block, map[string]bool{checkValidateConfig: vc, checkConfigValidators: cv})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.block+"\x00"+a.attr+"\x00"+a.what < b.block+"\x00"+b.attr+"\x00"+b.what
	})
	return out
})

// walkValidators visits the validators of the attributes and blocks of
// node (a schema, or a nested object), and of their nested objects, at any
// depth. It relies on the methods every schema type of the framework has
// (GetAttributes, GetBlocks, GetNestedObject and the typed XxxValidators,
// such as StringValidators or SetValidators), so that it reads the
// provider, resource, data source and ephemeral schemas alike, whatever
// their attribute types.
//
// nestedAttr is called with the path of each nested attribute (written
// `name = { ... }`, unlike a nested block).
func walkValidators(node reflect.Value, prefix string, visit func(attr, what string), nestedAttr func(attr string)) {
	for _, getter := range []string{"GetAttributes", "GetBlocks"} {
		m := node.MethodByName(getter)
		if !m.IsValid() {
			continue
		}
		children := m.Call(nil)[0]
		keys := children.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			child := children.MapIndex(k).Elem() // the concrete attribute or block
			attr := k.String()
			if prefix != "" {
				attr = prefix + "." + attr
			}
			for _, what := range validatorsOf(child) {
				visit(attr, what)
			}
			if nested := child.MethodByName("GetNestedObject"); nested.IsValid() {
				obj := nested.Call(nil)[0]
				if obj.Kind() == reflect.Interface {
					obj = obj.Elem()
				}
				if getter == "GetAttributes" {
					nestedAttr(attr)
				}
				// Validators of the nested object as a whole.
				for _, what := range validatorsOf(obj) {
					visit(attr, what)
				}
				walkValidators(obj, attr, visit, nestedAttr)
			}
		}
	}
}

// validatorsOf describes the validators v's XxxValidators methods return,
// as "<Go type>: <description>".
func validatorsOf(v reflect.Value) []string {
	var out []string
	for i := 0; i < v.NumMethod(); i++ {
		m := v.Type().Method(i)
		if !strings.HasSuffix(m.Name, "Validators") || m.Type.NumIn() != 1 || m.Type.NumOut() != 1 || m.Type.Out(0).Kind() != reflect.Slice {
			continue
		}
		list := v.Method(i).Call(nil)[0]
		for j := 0; j < list.Len(); j++ {
			val := list.Index(j).Interface()
			desc := ""
			if d, ok := val.(interface{ Description(context.Context) string }); ok {
				desc = d.Description(context.Background())
			}
			out = append(out, fmt.Sprintf("%T: %s", val, desc))
		}
	}
	return out
}

// isObjectCheck reports whether check names an object-level check rather
// than a validator of the attribute.
func isObjectCheck(check string) bool {
	return check == checkValidateConfig || check == checkConfigValidators || check == checkModifyPlan
}

// covers reports whether c exercises s.
func (c validationCase) covers(s schemaCheck) bool {
	if c.block != s.block {
		return false
	}
	if isObjectCheck(s.what) {
		return c.check == s.what
	}
	return !isObjectCheck(c.check) && c.attr == s.attr && strings.Contains(s.what, c.check)
}

// TestValidationTableComplete checks, in process, that validationCases
// has a case for every validator of every attribute of every schema of the
// provider (and for every ValidateConfig, ConfigValidators and ModifyPlan),
// and that every case targets a validator that exists.
func TestValidationTableComplete(t *testing.T) {
	checks := schemaChecks()
	// The walk must see the schemas, or the test would pass vacuously.
	known := false
	for _, s := range checks {
		known = known || (s.block == "provider" && s.attr == "max_retries") && strings.Contains(s.what, "int64validator")
	}
	if !known || len(checks) < 50 {
		t.Fatalf("the schema walk found %d checks, and max_retries's validator %v: it no longer reads the framework's schemas", len(checks), known)
	}
	attrs := map[string]bool{}
	for _, s := range checks {
		if s.attr != "" {
			attrs[s.block+" "+s.attr] = true
		}
	}
	var missing []string
	for _, s := range checks {
		covered := false
		for _, c := range validationCases {
			covered = covered || c.covers(s)
		}
		if !covered {
			missing = append(missing, fmt.Sprintf("%s %s: %s", s.block, s.attr, s.what))
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d validators have no bad-input case in validationCases; add one each:\n  %s", len(missing), strings.Join(missing, "\n  "))
	}
	var stray []string
	for i, c := range validationCases {
		used := false
		for _, s := range checks {
			used = used || c.covers(s)
		}
		_, validated := validateBaselines[c.block]
		if c.check == checkModifyPlan {
			_, validated = planBaselines[c.block]
		}
		switch {
		case !used:
			stray = append(stray, fmt.Sprintf("case %d (%s %s, check %q) targets no validator of the schemas", i, c.block, c.attr, c.check))
		case !validated:
			stray = append(stray, fmt.Sprintf("case %d (%s %s) has no baseline", i, c.block, c.attr))
		}
	}
	if len(stray) > 0 {
		t.Errorf("cases that test nothing:\n  %s", strings.Join(stray, "\n  "))
	}
	validators := 0
	for _, s := range checks {
		if s.attr != "" {
			validators++
		}
	}
	t.Logf("%d validated attributes (%d validators) and %d object-level checks; %d cases", len(attrs), validators, len(checks)-validators, len(validationCases))
}

// renderedBlock is one block of a generated configuration.
type renderedBlock struct {
	// c is the case, nil for a baseline that must not err.
	c *validationCase
	// label describes the block in failures.
	label string
	// first and last are its lines (1-based, inclusive); attrLine is the
	// line of the case's attribute.
	first, last, attrLine int
}

// configWriter builds a configuration and remembers the lines of its blocks.
type configWriter struct {
	b      strings.Builder
	line   int // lines written so far
	blocks []*renderedBlock
}

func (w *configWriter) println(s string) {
	w.b.WriteString(s + "\n")
	w.line += strings.Count(s, "\n") + 1
}

// block writes a block of block (a validationCase.block) with header and
// attrs (paths to HCL expressions; "null" leaves one out), and returns it;
// mark is the attribute whose line it records.
func (w *configWriter) block(block, header string, attrs map[string]string, mark string) *renderedBlock {
	rb := &renderedBlock{first: w.line + 1}
	w.println(header + " {")
	w.body(block, attrs, "", "  ", mark, rb)
	w.println("}")
	rb.last = w.line
	w.println("")
	w.blocks = append(w.blocks, rb)
	return rb
}

// body writes attrs at prefix (a nested block path) with indent.
func (w *configWriter) body(block string, attrs map[string]string, prefix, indent, mark string, rb *renderedBlock) {
	var direct, nested []string
	seen := map[string]bool{}
	for path, value := range attrs {
		rel, ok := strings.CutPrefix(path, prefix)
		if !ok || value == "null" {
			continue
		}
		if head, _, isNested := strings.Cut(rel, "."); isNested {
			if !seen[head] {
				seen[head] = true
				nested = append(nested, head)
			}
		} else {
			direct = append(direct, rel)
		}
	}
	sort.Strings(direct)
	sort.Strings(nested)
	for _, name := range direct {
		if prefix+name == mark {
			rb.attrLine = w.line + 1
		}
		w.println(fmt.Sprintf("%s%s = %s", indent, name, attrs[prefix+name]))
	}
	for _, name := range nested {
		inner := mark
		if nestedAttributes[block+" "+prefix+name] {
			// Terraform 1.11 cannot point a diagnostic into a nested
			// attribute (an object): it points at the block's header.
			if strings.HasPrefix(mark, prefix+name+".") {
				rb.attrLine, inner = rb.first, ""
			}
			w.println(indent + name + " = {")
		} else {
			w.println(indent + name + " {")
		}
		w.body(block, attrs, prefix+name+".", indent+"  ", inner, rb)
		w.println(indent + "}")
	}
}

// caseAttrs returns the attributes of c's block: baseline, then with, then
// the bad value (or before, when before is set).
func caseAttrs(baseline map[string]string, c *validationCase, value string) map[string]string {
	attrs := map[string]string{}
	for k, v := range baseline {
		attrs[k] = v
	}
	for k, v := range c.with {
		attrs[k] = v
	}
	attrs[c.attr] = value
	return attrs
}

// header returns the block header of block named name.
func header(block, name string) string {
	kind, typ, _ := strings.Cut(block, ".")
	return fmt.Sprintf("%s %q %q", kind, typ, name)
}

// tfDiagnostic is a diagnostic of `terraform validate -json` or `terraform
// plan -json`.
type tfDiagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
	Range    *struct {
		Filename string `json:"filename"`
		Start    struct {
			Line int `json:"line"`
		} `json:"start"`
	} `json:"range"`
}

func (d tfDiagnostic) String() string {
	line := 0
	if d.Range != nil {
		line = d.Range.Start.Line
	}
	return fmt.Sprintf("%s at line %d: %s: %s", d.Severity, line, d.Summary, d.Detail)
}

// namesAttr reports whether text names the attribute path attr (as a whole
// word: "name" is not named by "organization_name").
func namesAttr(text, attr string) bool {
	return regexp.MustCompile(`(^|[^A-Za-z0-9_])` + regexp.QuoteMeta(attr) + `($|[^A-Za-z0-9_])`).MatchString(text)
}

// checkDiagnostics matches diags to the blocks of w and reports each case
// without its diagnostic, each baseline that erred, and each error that
// belongs to no block.
func checkDiagnostics(t *testing.T, file string, w *configWriter, diags []tfDiagnostic) {
	t.Helper()
	byBlock := map[*renderedBlock][]tfDiagnostic{}
	for _, d := range diags {
		if d.Range == nil || d.Range.Filename != file {
			if d.Severity == "error" {
				t.Errorf("%s: an error outside the blocks of the table: %s", file, d)
			}
			continue
		}
		var owner *renderedBlock
		for _, rb := range w.blocks {
			if d.Range.Start.Line >= rb.first && d.Range.Start.Line <= rb.last {
				owner = rb
			}
		}
		if owner == nil {
			t.Errorf("%s: a diagnostic outside the blocks of the table: %s", file, d)
			continue
		}
		byBlock[owner] = append(byBlock[owner], d)
	}
	for _, rb := range w.blocks {
		got := byBlock[rb]
		if rb.c == nil {
			for _, d := range got {
				t.Errorf("%s: the valid baseline %s erred: %s", file, rb.label, d)
			}
			continue
		}
		c, want := rb.c, regexp.MustCompile(`(?s)`+rb.c.want)
		var found *tfDiagnostic
		for i, d := range got {
			if d.Severity == "error" && want.MatchString(d.Summary+": "+d.Detail) {
				found = &got[i]
				break
			}
		}
		switch {
		case found == nil:
			t.Errorf("%s: %s (lines %d-%d) got no error matching %q; its diagnostics: %v", file, rb.label, rb.first, rb.last, c.want, got)
			continue
		case c.check != checkConfigValidators && found.Range.Start.Line != rb.attrLine:
			// ConfigValidators point at the block; everything else at the
			// attribute.
			t.Errorf("%s: %s: the diagnostic points at line %d, not at the attribute (line %d): %s", file, rb.label, found.Range.Start.Line, rb.attrLine, found)
		}
		named := namesAttr(found.Summary+": "+found.Detail, c.attr)
		switch {
		case c.unnamed == "" && !named:
			t.Errorf("%s: %s: the diagnostic does not name %s: %s", file, rb.label, c.attr, found)
		case c.unnamed != "" && named:
			t.Errorf("%s: %s: the diagnostic names %s now: remove the exception %q", file, rb.label, c.attr, c.unnamed)
		}
	}
}

// TestAccValidationTable writes every case of validationCases as its own
// block (and a valid baseline of each block type) and checks, with the real
// Terraform CLI, that each bad value is rejected before anything is
// applied, by a diagnostic that names the attribute and points at it:
// `terraform validate` for the provider block and the attribute and
// ValidateConfig checks, then `terraform plan` against the emulator for the
// ModifyPlan checks, after the objects they change are applied.
func TestAccValidationTable(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	TestValidationTableComplete(t)
	env := acctest.NewEnv(t)

	t.Run("validate", func(t *testing.T) {
		// The resources, data sources and ephemeral resources: one block per case.
		var w configWriter
		w.println(`terraform {
  required_providers {
    tenant = { source = "tenantops/tenant" }
  }
}
`)
		baselines := map[string]bool{}
		for i := range validationCases {
			c := &validationCases[i]
			if c.block == "provider" || c.check == checkModifyPlan {
				continue
			}
			if !baselines[c.block] {
				baselines[c.block] = true
				rb := w.block(c.block, header(c.block, "baseline"), validateBaselines[c.block], "")
				rb.label = c.block + " baseline"
			}
			rb := w.block(c.block, header(c.block, fmt.Sprintf("case_%03d", i)), caseAttrs(validateBaselines[c.block], c, c.value), c.attr)
			rb.c, rb.label = c, fmt.Sprintf("case %d: %s %s = %s (%s)", i, c.block, c.attr, c.value, c.check)
		}
		cli := env.NewCLI(t)
		cli.WriteFile("main.tf", w.b.String())
		runValidate(t, cli, "main.tf", &w)

		// The provider block: each case in its own aliased configuration,
		// which Terraform validates only when something uses it.
		var p configWriter
		p.println(`terraform {
  required_providers {
    tenant = { source = "tenantops/tenant" }
  }
}
`)
		rb := p.block("provider", `provider "tenant"`, map[string]string{"alias": `"baseline"`}, "")
		rb.label = "provider baseline"
		p.println(`data "tenant_cryptr_organizations" "baseline" { provider = tenant.baseline }` + "\n")
		for i := range validationCases {
			c := &validationCases[i]
			if c.block != "provider" {
				continue
			}
			alias := fmt.Sprintf("case_%03d", i)
			attrs := caseAttrs(nil, c, c.value)
			attrs["alias"] = fmt.Sprintf("%q", alias)
			rb := p.block("provider", `provider "tenant"`, attrs, c.attr)
			rb.c, rb.label = c, fmt.Sprintf("case %d: provider %s = %s (%s)", i, c.attr, c.value, c.check)
			p.println(fmt.Sprintf("data %q %q { provider = tenant.%s }\n", "tenant_cryptr_organizations", alias, alias))
		}
		pcli := env.NewCLI(t)
		pcli.WriteFile("main.tf", p.b.String())
		runValidate(t, pcli, "main.tf", &p)
	})

	t.Run("plan", func(t *testing.T) {
		// First apply the fixtures and the blocks as they were before the
		// change that ModifyPlan refuses; then plan the change.
		var before, after configWriter
		before.println(planFixtures)
		after.println(planFixtures)
		for i := range validationCases {
			c := &validationCases[i]
			if c.check != checkModifyPlan {
				continue
			}
			name := fmt.Sprintf("case_%03d", i)
			if c.before != "" {
				before.block(c.block, header(c.block, name), caseAttrs(planBaselines[c.block], c, c.before), "")
			}
			rb := after.block(c.block, header(c.block, name), caseAttrs(planBaselines[c.block], c, c.value), c.attr)
			rb.c, rb.label = c, fmt.Sprintf("case %d: %s %s = %s (%s)", i, c.block, c.attr, c.value, c.check)
		}
		cli := env.NewCLI(t)
		cli.WriteFile("main.tf", before.b.String())
		start := time.Now()
		cli.MustRun(0, "apply", "-input=false", "-auto-approve")
		t.Logf("terraform apply of the fixtures took %s", time.Since(start).Round(time.Millisecond))
		start = time.Now()
		cli.WriteFile("main.tf", after.b.String())
		out, code := cli.Run("plan", "-input=false", "-json")
		t.Logf("terraform plan took %s", time.Since(start).Round(time.Millisecond))
		if code != 1 {
			t.Errorf("terraform plan exited %d, want 1 (errors)", code)
		}
		var diags []tfDiagnostic
		sc := bufio.NewScanner(strings.NewReader(out))
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var msg struct {
				Type       string        `json:"type"`
				Diagnostic *tfDiagnostic `json:"diagnostic"`
			}
			if json.Unmarshal(sc.Bytes(), &msg) == nil && msg.Type == "diagnostic" && msg.Diagnostic != nil {
				diags = append(diags, *msg.Diagnostic)
			}
		}
		if len(diags) == 0 {
			t.Fatalf("terraform plan -json reported no diagnostics:\n%s", out)
		}
		checkDiagnostics(t, "main.tf", &after, diags)
	})
}

// runValidate runs `terraform validate -json` in cli and checks its
// diagnostics against the blocks of w.
func runValidate(t *testing.T, cli *acctest.CLI, file string, w *configWriter) {
	t.Helper()
	start := time.Now()
	out, code := cli.Run("validate", "-json")
	t.Logf("terraform validate of %d blocks took %s", len(w.blocks), time.Since(start).Round(time.Millisecond))
	if code != 1 {
		t.Errorf("terraform validate exited %d, want 1 (errors)", code)
	}
	var result struct {
		Valid       bool           `json:"valid"`
		Diagnostics []tfDiagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &result); err != nil {
		t.Fatalf("terraform validate -json: %v\n%s", err, out)
	}
	checkDiagnostics(t, file, w, result.Diagnostics)
}
