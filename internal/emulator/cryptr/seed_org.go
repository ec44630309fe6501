package cryptr

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/emuid"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/seedjson"
)

// orgStatuses are the statuses a seeded organization may have.
var orgStatuses = []string{"up", "pending", "deleted"}

// organization checks one seeded organization and builds it with its
// objects. Required: name. Defaults: domain (the slug of the name, as
// the API derives it), status "up", times now.
func (sd *seeding) organization(in OrganizationState, n seedjson.Node) {
	n = n.Labeled(cmp.Or(in.Name, in.Domain))
	switch {
	case strings.TrimSpace(in.Name) == "":
		sd.fail(n, "name", "required")
	case slugify(in.Name) == "":
		sd.fail(n, "name", "must contain at least one letter or digit")
	}
	o := &organization{name: in.Name, domain: cmp.Or(in.Domain, slugify(in.Name)), allowedEmailDomains: []string{}}
	if in.Domain != "" && slugify(in.Domain) != in.Domain {
		sd.fail(n, "domain", "must be lowercase letters, digits and hyphens")
	}
	for i, d := range in.AllowedEmailDomains {
		if !validEmailDomain(d) {
			sd.fail(n, fmt.Sprintf("allowed_email_domains[%d]", i), "%q is not a valid domain", d)
		}
	}
	o.allowedEmailDomains = append(o.allowedEmailDomains, in.AllowedEmailDomains...)
	sd.orgStatus(o, in, n)
	o.createdAt = sd.time(n, "inserted_at", in.InsertedAt, sd.now)
	o.updatedAt = sd.time(n, "updated_at", in.UpdatedAt, o.createdAt)
	if !o.deleted && o.domain != "" {
		sd.claim(sd.liveDomains, o.domain, n, "domain", o.domain)
	}
	so := &seedOrg{org: o, dirSyncs: map[string]*directorySync{}}
	sd.ssoConnection(so, in.SSOConnection, n.Field("sso_connection"))
	for i, d := range in.DirectorySyncs {
		sd.directorySync(so, d, n.Field("directory_syncs").Index(i))
	}
	sd.passwordConnection(so, in.PasswordConnection, n.Field("password_connection"))
	sd.magicLinkConnection(so, in.MagicLinkConnection, n.Field("magic_link_connection"))
	sd.totpConnection(so, in.TOTPConnection, n.Field("totp_connection"))
	admins := map[string]string{}
	for i, a := range in.Admins {
		sd.admin(so, a, n.Field("admins").Index(i), admins)
	}
	emails := map[string]string{}
	for i, u := range in.Users {
		sd.user(so, u, n.Field("users").Index(i), emails)
	}
	sd.orgs = append(sd.orgs, so)
}

// orgStatus reads status and deleted, which must agree. "up" (the default)
// is up at once whatever the provisioning delay; "pending" provisions as
// if created at inserted_at.
func (sd *seeding) orgStatus(o *organization, in OrganizationState, n seedjson.Node) {
	if in.Status != "" && !slices.Contains(orgStatuses, in.Status) {
		sd.fail(n, "status", "must be one of %s", strings.Join(orgStatuses, ", "))
	}
	switch {
	case in.Status == "deleted" && n.Has("deleted") && !in.Deleted:
		sd.fail(n, "deleted", `must be true when status is "deleted"`)
	case in.Deleted && in.Status != "" && in.Status != "deleted":
		sd.fail(n, "status", `must be "deleted" (or left out) when deleted is true`)
	}
	o.deleted = in.Deleted || in.Status == "deleted"
	o.upAtSeed = in.Status != "pending"
}

// ssoConnection checks and builds the organization's SSO connection.
// Defaults: ids "<domain>_<random>", provider_type "unset", active true,
// users_access_policy "provision_new_users", times now.
func (sd *seeding) ssoConnection(so *seedOrg, in *SSOConnectionState, n seedjson.Node) {
	if in == nil {
		return
	}
	prefix := strings.ReplaceAll(so.org.domain, "-", "_") + "_"
	c := &ssoConnection{
		id: cmp.Or(in.ID, prefix+ssoRandomBase58(22)), spID: cmp.Or(in.SPID, prefix+ssoRandomBase58(22)),
		providerType: cmp.Or(in.ProviderType, "unset"), active: seedjson.Or(n, "active", in.Active, true),
		limit: in.NumberUsersProvisioningLimit, policy: cmp.Or(in.UsersAccessPolicy, "provision_new_users"),
	}
	n = n.Labeled(in.ID)
	sd.claim(sd.ssoIDs, c.id, n, "id", c.id)
	if !ssoProviderTypePattern.MatchString(c.providerType) {
		sd.fail(n, "provider_type", "%s", ssoProviderTypeRule)
	}
	if c.limit != nil && *c.limit < 1 {
		sd.fail(n, "number_users_provisioning_limit", "%s", ssoLimitRule)
	}
	if !slices.Contains(ssoPolicies, c.policy) {
		sd.fail(n, "users_access_policy", "%s", ssoPolicyRule())
	}
	if in.Metadata != nil && *in.Metadata != "" {
		if err := ssoCheckXML(*in.Metadata); err != nil {
			sd.fail(n, "metadata", "is not well-formed XML: %v", err)
		}
		c.metadata = in.Metadata
	}
	c.createdAt = sd.time(n, "inserted_at", in.InsertedAt, sd.now)
	c.updatedAt = sd.time(n, "updated_at", in.UpdatedAt, c.createdAt)
	so.sso = c
}

// directorySync checks and builds one directory sync (one per
// environment). Defaults: environment sandbox, a new id and SCIM token,
// active true, times now.
func (sd *seeding) directorySync(so *seedOrg, in DirectorySyncState, n seedjson.Node) {
	env := sd.env(n, in.Environment)
	n = n.Labeled(env)
	if _, dup := so.dirSyncs[env]; dup {
		sd.fail(n, "environment", "the organization already has a directory sync in %s", env)
		return
	}
	d := &directorySync{
		id: cmp.Or(in.ID, emuid.UUID()), active: seedjson.Or(n, "active", in.Active, true),
		token: cmp.Or(in.Token, dirSyncToken(so.org.domain, env)),
	}
	d.createdAt = sd.time(n, "inserted_at", in.InsertedAt, sd.now)
	d.updatedAt = sd.time(n, "updated_at", in.UpdatedAt, d.createdAt)
	so.dirSyncs[env] = d
}

// passwordConnection checks and builds the password connection, with the
// API's defaults (active true, 8, 40, 86400, no template).
func (sd *seeding) passwordConnection(so *seedOrg, in *PasswordConnectionState, n seedjson.Node) {
	if in == nil {
		return
	}
	c := &passwordConnection{
		id: cmp.Or(in.ID, emuid.UUID()), active: seedjson.Or(n, "active", in.Active, true),
		minLength:                seedjson.Or(n, "plain_text_min_length", in.PlainTextMinLength, passwordDefaultMinLength),
		maxLength:                seedjson.Or(n, "plain_text_max_length", in.PlainTextMaxLength, passwordDefaultMaxLength),
		pepperRotationPeriod:     seedjson.Or(n, "pepper_rotation_period", in.PepperRotationPeriod, passwordDefaultPepperRotation),
		forgotPasswordTemplateID: sd.templateID(n, "forgot_password_template_id", in.ForgotPasswordTemplateID),
	}
	c.checkRules(func(field, msg string) { sd.fail(n, field, "%s", msg) })
	c.createdAt = sd.time(n, "inserted_at", in.InsertedAt, sd.now)
	c.updatedAt = sd.time(n, "updated_at", in.UpdatedAt, c.createdAt)
	so.password = c
}

// magicLinkConnection checks and builds the magic-link connection;
// defaults: active true, find_or_create_user false, no template. Left out,
// the organization gets the default one when it is first read, as one
// created through the API does.
func (sd *seeding) magicLinkConnection(so *seedOrg, in *MagicLinkConnectionState, n seedjson.Node) {
	if in == nil {
		return
	}
	so.magicLink = &magicLinkConnection{
		id: cmp.Or(in.ID, emuid.UUID()), active: seedjson.Or(n, "active", in.Active, true),
		findOrCreateUser: in.FindOrCreateUser, signInTemplateID: sd.templateID(n, "sign_in_template_id", in.SignInTemplateID),
		createdAt: so.org.createdAt, updatedAt: so.org.createdAt,
	}
}

// totpConnection checks and builds the TOTP connection; defaults: active
// false, method totp_mobile_app, the method's default expiry.
func (sd *seeding) totpConnection(so *seedOrg, in *TOTPConnectionState, n seedjson.Node) {
	if in == nil {
		return
	}
	method := cmp.Or(in.Method, totpMethodApp)
	def, known := totpDefaultExpiry[method]
	if !known {
		sd.fail(n, "method", "%s", totpMethodRule)
		def = totpDefaultExpiry[totpMethodApp]
	}
	expiry := seedjson.Or(n, "expiry_in_seconds", in.ExpiryInSeconds, def)
	if !totpExpiryOK(expiry) {
		sd.fail(n, "expiry_in_seconds", "%s", totpExpiryRule)
	}
	so.totp = &totpConnection{active: in.Active, method: method, expiry: expiry}
}

// templateID checks an optional template id: null or "" is none, anything
// else must be a UUID.
func (sd *seeding) templateID(n seedjson.Node, field string, v *string) *string {
	if v == nil || *v == "" {
		return nil
	}
	if !connIsUUID(*v) {
		sd.fail(n, field, "is not a valid UUID")
	}
	id := *v
	return &id
}
