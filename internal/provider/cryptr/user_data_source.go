package cryptr

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// userDataAttributes is the schema of a user in data sources: every
// attribute computed; profile and address are always objects (with null
// fields when unset) and metadata always a map.
func userDataAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	strings := func(typ types.ObjectType) map[string]schema.Attribute {
		attrs := map[string]schema.Attribute{}
		for name := range typ.AttrTypes {
			attrs[name] = computed("`" + name + "`, as in the `tenant_cryptr_user` resource; null when unset.")
		}
		return attrs
	}
	return map[string]schema.Attribute{
		"id":                  computed("Identifier (UUID) of the user."),
		"organization_domain": computed("Domain of the user's organization."),
		"email":               computed("Email address of the user."),
		"phone_number":        computed("Telephone number (E.164); null when unset."),
		"profile": schema.SingleNestedAttribute{
			Computed: true, Attributes: strings(userProfileType),
			MarkdownDescription: "OpenID Connect profile: `given_name`, `family_name`, `nickname`, `preferred_username`, `gender`, `birthdate`, `locale`, `zoneinfo`, `picture`, `website` (null when unset).",
		},
		"address": schema.SingleNestedAttribute{
			Computed: true, Attributes: strings(userAddressType),
			MarkdownDescription: "Postal address: `street_address`, `locality`, `region`, `postal_code`, `country`, `formatted` (null when unset).",
		},
		"metadata":              schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Custom metadata, key → value."},
		"environment":           computed("Environment the user lives in (`sandbox` or `production`)."),
		"active":                schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user is active."},
		"email_verified":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the email has been verified."},
		"phone_number_verified": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the phone number has been verified."},
		"inserted_at":           computed("Creation time (UTC)."),
		"updated_at":            computed("Time of the last change (UTC)."),
	}
}

// UserDataSource reads one user of an organization by id or email.
type UserDataSource struct{ fwkit.DataSourceBase }

var (
	_ datasource.DataSourceWithConfigure        = (*UserDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*UserDataSource)(nil)
)

// NewUserDataSource returns the tenant_cryptr_user data source.
func NewUserDataSource() datasource.DataSource {
	return &UserDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_user"}}
}

// Schema describes the data source.
func (d *UserDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := userDataAttributes()
	attrs["organization_domain"] = schema.StringAttribute{Required: true, MarkdownDescription: "Domain of the organization.", Validators: []validator.String{connDomainValidator()}}
	attrs["id"] = schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Identifier of the user to read. Set `id` or `email`."}
	attrs["email"] = schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Email address of the user to read. Set `id` or `email`.", Validators: peopleEmailValidators()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one user of a Cryptr organization, by id or by email, in the environment of the provider's API key.",
		Attributes:          attrs,
	}
}

// ConfigValidators requires exactly one of id and email.
func (d *UserDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("email"))}
}

// Read reads the user; a missing one is an error.
func (d *UserDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config userModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain, key := config.OrganizationDomain.ValueString(), config.ID.ValueString()
	if key == "" {
		key = config.Email.ValueString()
	}
	u, err := api.GetUser(ctx, domain, key)
	if err != nil {
		summary := "Could not read the Cryptr user"
		if httpclient.IsNotFound(err) {
			summary = fmt.Sprintf("Cryptr user %q of organization %q not found", key, domain)
		}
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	model, diags := flattenUser(ctx, u, domain, nil)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// UsersDataSource lists the users of an organization.
type UsersDataSource struct{ fwkit.DataSourceBase }

var _ datasource.DataSourceWithConfigure = (*UsersDataSource)(nil)

// NewUsersDataSource returns the tenant_cryptr_users data source.
func NewUsersDataSource() datasource.DataSource {
	return &UsersDataSource{fwkit.DataSourceBase{TypeSuffix: "cryptr_users"}}
}

type usersModel struct {
	OrganizationDomain types.String `tfsdk:"organization_domain"`
	Users              []userModel  `tfsdk:"users"`
}

// Schema describes the data source.
func (d *UsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every user of a Cryptr organization (all pages), newest first, in the environment of the provider's API key.",
		Attributes: map[string]schema.Attribute{
			"organization_domain": schema.StringAttribute{Required: true, MarkdownDescription: "Domain of the organization.", Validators: []validator.String{connDomainValidator()}},
			"users": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The users, newest first.",
				NestedObject:        schema.NestedAttributeObject{Attributes: userDataAttributes()},
			},
		},
	}
}

// Read lists the users, following every page.
func (d *UsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config usersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api, diags := client(d.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := config.OrganizationDomain.ValueString()
	users, err := api.ListUsers(ctx, domain)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Cryptr users", err.Error())
		return
	}
	config.Users = make([]userModel, 0, len(users))
	for i := range users {
		model, diags := flattenUser(ctx, &users[i], domain, nil)
		resp.Diagnostics.Append(diags...)
		config.Users = append(config.Users, model)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
