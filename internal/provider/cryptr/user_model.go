package cryptr

import (
	"context"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// userModel is the state of a user in the resource and the data sources.
type userModel struct {
	ID                  types.String `tfsdk:"id"`
	OrganizationDomain  types.String `tfsdk:"organization_domain"`
	Email               types.String `tfsdk:"email"`
	PhoneNumber         types.String `tfsdk:"phone_number"`
	Profile             types.Object `tfsdk:"profile"`
	Address             types.Object `tfsdk:"address"`
	Metadata            types.Map    `tfsdk:"metadata"`
	Environment         types.String `tfsdk:"environment"`
	Active              types.Bool   `tfsdk:"active"`
	EmailVerified       types.Bool   `tfsdk:"email_verified"`
	PhoneNumberVerified types.Bool   `tfsdk:"phone_number_verified"`
	InsertedAt          types.String `tfsdk:"inserted_at"`
	UpdatedAt           types.String `tfsdk:"updated_at"`
}

// profileFields and addressFields point at the fields of the client's
// profile and address by attribute name (the API's field names).
func profileFields(p *cryptr.UserProfile) map[string]*string {
	return map[string]*string{"birthdate": &p.Birthdate, "family_name": &p.FamilyName, "gender": &p.Gender,
		"given_name": &p.GivenName, "locale": &p.Locale, "nickname": &p.Nickname, "picture": &p.Picture,
		"preferred_username": &p.PreferredUsername, "website": &p.Website, "zoneinfo": &p.Zoneinfo}
}

func addressFields(a *cryptr.UserAddress) map[string]*string {
	return map[string]*string{"country": &a.Country, "formatted": &a.Formatted, "locality": &a.Locality,
		"postal_code": &a.PostalCode, "region": &a.Region, "street_address": &a.StreetAddress}
}

// stringObjectType is an object type whose attributes are all strings.
func stringObjectType(fields map[string]*string) types.ObjectType {
	attrs := map[string]attr.Type{}
	for name := range fields {
		attrs[name] = types.StringType
	}
	return types.ObjectType{AttrTypes: attrs}
}

var (
	userProfileType = stringObjectType(profileFields(&cryptr.UserProfile{}))
	userAddressType = stringObjectType(addressFields(&cryptr.UserAddress{}))
)

// userFields maps the API's field names (422 details) to attributes.
var userFields = func() fwkit.FieldPaths {
	f := fwkit.FieldPaths{"email": path.Root("email"), "phone_number": path.Root("phone_number"),
		"profile": path.Root("profile"), "address": path.Root("address")}
	for name := range userProfileType.AttrTypes {
		f["profile."+name] = path.Root("profile").AtName(name)
	}
	for name := range userAddressType.AttrTypes {
		f["address."+name] = path.Root("address").AtName(name)
	}
	return f
}()

// flattenFields returns the object of an API profile or address. When every
// field is empty it is null, unless keep (the configuration or the state
// has an object there): then it is an object of nulls, so that neither
// `profile = {}` nor a missing block ever shows a diff.
func flattenFields(typ types.ObjectType, fields map[string]*string, keep bool) (types.Object, diag.Diagnostics) {
	values := map[string]attr.Value{}
	empty := true
	for name, v := range fields {
		values[name] = fwkit.StringOrNull(*v)
		empty = empty && *v == ""
	}
	if empty && !keep {
		return types.ObjectNull(typ.AttrTypes), nil
	}
	return types.ObjectValue(typ.AttrTypes, values)
}

// expandFields copies a planned profile or address into the client's fields.
func expandFields(obj types.Object, fields map[string]*string) {
	if obj.IsNull() || obj.IsUnknown() {
		return
	}
	for name, v := range obj.Attributes() {
		if s, ok := v.(types.String); ok && fields[name] != nil {
			*fields[name] = s.ValueString()
		}
	}
}

// flattenUser returns the model of an API user. prior is the plan or the
// state it refreshes (nil for data sources, which always get objects and a map).
func flattenUser(ctx context.Context, u *cryptr.User, domain string, prior *userModel) (userModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	keep := func(v attr.Value) bool { return prior == nil || !v.IsNull() }
	var priorProfile, priorAddress attr.Value = types.ObjectNull(nil), types.ObjectNull(nil)
	var priorMeta attr.Value = types.MapNull(types.StringType)
	if prior != nil {
		priorProfile, priorAddress, priorMeta = prior.Profile, prior.Address, prior.Metadata
	}
	profile, d := flattenFields(userProfileType, profileFields(&u.Profile), keep(priorProfile))
	diags.Append(d...)
	address, d := flattenFields(userAddressType, addressFields(&u.Address), keep(priorAddress))
	diags.Append(d...)
	metadata := types.MapNull(types.StringType)
	if len(u.Metadata) > 0 || keep(priorMeta) {
		metadata, d = types.MapValueFrom(ctx, types.StringType, u.Metadata)
		diags.Append(d...)
	}
	if u.Domain != "" {
		domain = u.Domain
	}
	return userModel{
		ID:                  types.StringValue(u.ID),
		OrganizationDomain:  types.StringValue(domain),
		Email:               types.StringValue(u.Email),
		PhoneNumber:         fwkit.StringOrNull(u.PhoneNumber),
		Profile:             profile,
		Address:             address,
		Metadata:            metadata,
		Environment:         fwkit.StringOrNull(u.Environment),
		Active:              types.BoolValue(u.Active),
		EmailVerified:       types.BoolValue(u.EmailVerified),
		PhoneNumberVerified: types.BoolValue(u.PhoneNumberVerified),
		InsertedAt:          fwkit.StringOrNull(u.InsertedAt),
		UpdatedAt:           fwkit.StringOrNull(u.UpdatedAt),
	}, diags
}

// expandUser returns the API input of a planned user.
func expandUser(m userModel) cryptr.UserInput {
	in := cryptr.UserInput{Email: m.Email.ValueString(), PhoneNumber: m.PhoneNumber.ValueString()}
	expandFields(m.Profile, profileFields(&in.Profile))
	expandFields(m.Address, addressFields(&in.Address))
	return in
}

// expandMetadata returns the metadata of a plan or state as a Go map.
func expandMetadata(ctx context.Context, m types.Map) (map[string]string, diag.Diagnostics) {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out, nil
	}
	diags := m.ElementsAs(ctx, &out, false)
	return out, diags
}

// metadataChanges returns the keys to set (with their new values) and the
// keys to remove to go from have to want, in a stable order.
func metadataChanges(have, want map[string]string) (set [][2]string, remove []string) {
	for _, k := range slices.Sorted(maps.Keys(have)) {
		if _, ok := want[k]; !ok {
			remove = append(remove, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if v, ok := have[k]; !ok || v != want[k] {
			set = append(set, [2]string{k, want[k]})
		}
	}
	return set, remove
}
