package cryptr

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

var (
	// userPhonePattern is an E.164 phone number, as the API requires.
	userPhonePattern = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)
	// userDatePattern is a YYYY-MM-DD date.
	userDatePattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)
	// userURLPattern is an absolute http(s) URL.
	userURLPattern = regexp.MustCompile(`^https?://[^\s/?#]+[^\s]*$`)
)

// userText is an optional free-text field of a profile or an address. An
// empty string is refused: the API stores it as null.
func userText(description string, extra ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: description,
		Validators:          append([]validator.String{stringvalidator.LengthAtLeast(1)}, extra...),
	}
}

func userURL(description string) schema.StringAttribute {
	return userText(description, stringvalidator.RegexMatches(userURLPattern, "must be an absolute http:// or https:// URL"))
}

// userResourceAttributes is the schema of the tenant_cryptr_user resource.
func userResourceAttributes() map[string]schema.Attribute {
	keep := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
	return map[string]schema.Attribute{
		"id":                  keep("Identifier (UUID) Cryptr gave the user."),
		"organization_domain": peopleDomainAttribute("user"),
		"email": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Email address of the user, unique in the organization and environment. It can change in place.",
			Validators:          peopleEmailValidators(),
		},
		"phone_number": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Telephone number in E.164 format, such as `+33123456789` (no spaces).",
			Validators:          []validator.String{stringvalidator.RegexMatches(userPhonePattern, "must be in E.164 format, such as +33123456789")},
		},
		"profile": schema.SingleNestedAttribute{
			Optional:            true,
			MarkdownDescription: "OpenID Connect profile of the user. Leave out the fields (or the whole attribute) that are not set.",
			Attributes: map[string]schema.Attribute{
				"given_name":         userText("First name."),
				"family_name":        userText("Last name."),
				"nickname":           userText("Nickname."),
				"preferred_username": userText("Preferred user name."),
				"gender":             userText("`male` or `female`.", stringvalidator.OneOf("male", "female")),
				"birthdate":          userText("Birthday, `YYYY-MM-DD`.", stringvalidator.RegexMatches(userDatePattern, "must be a date in YYYY-MM-DD format")),
				"locale":             userText("Locale, such as `fr`."),
				"zoneinfo":           userText("Time zone, such as `Europe/Paris`."),
				"picture":            userURL("URL of the user's picture."),
				"website":            userURL("URL of the user's website."),
			},
		},
		"address": schema.SingleNestedAttribute{
			Optional:            true,
			MarkdownDescription: "Postal address of the user. Leave out the fields (or the whole attribute) that are not set.",
			Attributes: map[string]schema.Attribute{
				"street_address": userText("Street address (house number, street, PO box); may span lines."),
				"locality":       userText("City or locality."),
				"region":         userText("State, province or region."),
				"postal_code":    userText("Zip or postal code."),
				"country":        userText("Country."),
				"formatted":      userText("The full mailing address as displayed on a label; may span lines."),
			},
		},
		"metadata": schema.MapAttribute{
			ElementType: types.StringType,
			Optional:    true,
			MarkdownDescription: "Custom metadata of the user, key → value. Every key must first be declared as a user metakey in the " +
				"Cryptr account (Token > Create a User Metakey); an undeclared key fails the apply. Terraform sets and removes keys " +
				"with the API's add-metadata and remove-metadata calls, and removes keys set outside Terraform.",
			Validators: []validator.Map{
				mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1), fwkit.NoSurroundingSpace()),
				mapvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
			},
		},
		"environment": keep("Environment the user lives in (`sandbox` or `production`): that of the provider's API key."),
		"active":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether Cryptr considers the user active."},
		"email_verified": schema.BoolAttribute{
			Computed: true, MarkdownDescription: "Whether the user's email has been verified.",
		},
		"phone_number_verified": schema.BoolAttribute{
			Computed: true, MarkdownDescription: "Whether the user's phone number has been verified.",
		},
		"inserted_at": keep("Creation time (UTC)."),
		"updated_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "Time of the last change (UTC)."},
	}
}
