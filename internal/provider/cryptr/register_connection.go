package cryptr

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// connectionResources lists the resources of directory syncs and password, magic-link and TOTP connections.
func connectionResources() []func() resource.Resource {
	return []func() resource.Resource{
		NewDirectorySyncResource, NewPasswordConnectionResource, NewMagicLinkConnectionResource, NewTOTPConnectionResource,
	}
}

// connectionDataSources lists the data sources of directory syncs and password, magic-link and TOTP connections.
func connectionDataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewDirectorySyncDataSource, NewPasswordConnectionDataSource, NewMagicLinkConnectionDataSource, NewTOTPConnectionDataSource,
	}
}

// connDomainPattern is an organization domain as Cryptr derives it from a
// name: lowercase letters and digits, with dashes (or underscores) inside.
var connDomainPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$`)

// connUUIDPattern is a UUID such as an email template id.
var connUUIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// connOrgDomainAttribute is the organization_domain argument of the
// connection resources: another organization means another object.
func connOrgDomainAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Required: true,
		MarkdownDescription: fmt.Sprintf("Domain of the organization the %s belongs to, such as `tenant_cryptr_organization.acme.domain`. "+
			"Changing it replaces the resource (the old organization gets the destroy behaviour described above).", what),
		Validators:    []validator.String{connDomainValidator()},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

// connDataOrgDomainAttribute is the organization_domain argument of the
// connection data sources.
func connDataOrgDomainAttribute(what string) dsschema.StringAttribute {
	return dsschema.StringAttribute{
		Required:            true,
		MarkdownDescription: fmt.Sprintf("Domain of the organization whose %s to read.", what),
		Validators:          []validator.String{connDomainValidator()},
	}
}

func connDomainValidator() validator.String {
	return stringvalidator.RegexMatches(connDomainPattern, "must be an organization domain: lowercase letters, digits, dashes and underscores, starting and ending with a letter or digit, such as barker-inc")
}

// connTemplateIDValidator checks an email template id.
func connTemplateIDValidator() validator.String {
	return stringvalidator.RegexMatches(connUUIDPattern, "must be a UUID (the id of a Cryptr email template)")
}

// connOptionalString returns v, or null when it is nil or empty.
func connOptionalString(v *string) types.String {
	if v == nil {
		return types.StringNull()
	}
	return fwkit.StringOrNull(*v)
}

// connReadError reports a failed read in a data source, naming what was
// not found.
func connReadError(diags *diag.Diagnostics, what, domain string, err error) {
	summary := "Could not read the Cryptr " + what
	if httpclient.IsNotFound(err) {
		summary = fmt.Sprintf("Cryptr %s of organization %q not found", what, domain)
	}
	diags.AddError(summary, err.Error())
}

// connGone is the subject of RemoveIfGone's warning.
func connGone(what, domain string) string {
	return fmt.Sprintf("Cryptr %s of organization %q", what, domain)
}
