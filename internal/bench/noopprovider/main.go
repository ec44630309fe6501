// Command noopprovider is the benchmark's plugin floor: a Terraform
// provider (registry.terraform.io/tenantops/benchnoop) built with the same
// terraform-plugin-framework as the tenant provider, whose one resource,
// benchnoop_organization, has the schema of tenant_cryptr_organization
// (same attributes, validators, plan modifiers and timeouts block) but does
// no I/O: create makes the computed values up, read returns the state it
// was given (decoded and encoded again, as a real read does), delete does
// nothing.
//
// Comparing tenant_cryptr_organization with it separates what any plugin
// provider pays (plugin processes, gRPC, msgpack, the framework, the SDK's
// logging) from what the tenant provider itself adds (its API client, the
// HTTP round trip, its own code). The bench builds it next to the provider.
package main

import (
	"context"
	"log"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/tenantops/benchnoop"

func main() {
	if err := providerserver.Serve(context.Background(), func() provider.Provider { return &noopProvider{} },
		providerserver.ServeOpts{Address: Address}); err != nil {
		log.Fatal(err)
	}
}

// noopProvider has no configuration and one resource.
type noopProvider struct{}

// Metadata names the provider "benchnoop".
func (p *noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "benchnoop"
}

// Schema is empty: the provider has no configuration.
func (p *noopProvider) Schema(_ context.Context, _ provider.SchemaRequest, _ *provider.SchemaResponse) {
}

// Configure does nothing.
func (p *noopProvider) Configure(_ context.Context, _ provider.ConfigureRequest, _ *provider.ConfigureResponse) {
}

// Resources returns benchnoop_organization.
func (p *noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &organization{} }}
}

// DataSources returns none.
func (p *noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

var (
	emailDomainPattern = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$`)
	notBlank           = regexp.MustCompile(`\S`)
	nonSlug            = regexp.MustCompile(`[^a-z0-9]+`)
	environmentType    = types.ObjectType{AttrTypes: map[string]attr.Type{"name": types.StringType, "status": types.StringType}}
)

// organizationModel is the state of benchnoop_organization.
type organizationModel struct {
	ID                  types.String   `tfsdk:"id"`
	Name                types.String   `tfsdk:"name"`
	AllowedEmailDomains types.Set      `tfsdk:"allowed_email_domains"`
	Domain              types.String   `tfsdk:"domain"`
	Environments        types.List     `tfsdk:"environments"`
	Status              types.String   `tfsdk:"status"`
	Locale              types.String   `tfsdk:"locale"`
	Timezone            types.String   `tfsdk:"timezone"`
	InsertedAt          types.String   `tfsdk:"inserted_at"`
	UpdatedAt           types.String   `tfsdk:"updated_at"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

// organization is benchnoop_organization.
type organization struct{}

// Metadata names the resource benchnoop_organization.
func (r *organization) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization"
}

// computed is a computed string kept from the state once known.
func computed(description string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: description,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

// Schema mirrors the schema of tenant_cryptr_organization.
func (r *organization) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An organization that exists only in the state.",
		Attributes: map[string]schema.Attribute{
			"id": computed("Same as `domain`."),
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Name.",
				Validators: []validator.String{stringvalidator.RegexMatches(notBlank, "must not be blank")},
			},
			"allowed_email_domains": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "Email domains.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(
					stringvalidator.RegexMatches(emailDomainPattern, "must be a lowercase domain name such as example.com"),
				)},
			},
			"domain": computed("Domain derived from the name."),
			"environments": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "Environments.",
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":   schema.StringAttribute{Computed: true, MarkdownDescription: "Name."},
					"status": schema.StringAttribute{Computed: true, MarkdownDescription: "Status."},
				}},
			},
			"status":      computed("Status."),
			"locale":      computed("Locale."),
			"timezone":    computed("Time zone."),
			"inserted_at": computed("Creation time."),
			"updated_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "Time of the last change."},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true})},
	}
}

// Create derives the domain from the name and makes the other computed
// values up.
func (r *organization) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m organizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(m.Name.ValueString()), "-"), "-")
	m.ID, m.Domain = types.StringValue(domain), types.StringValue(domain)
	env := func(name string) attr.Value {
		return types.ObjectValueMust(environmentType.AttrTypes, map[string]attr.Value{"name": types.StringValue(name), "status": types.StringValue("up")})
	}
	m.Environments = types.ListValueMust(environmentType, []attr.Value{env("production"), env("sandbox")})
	m.Status, m.Locale, m.Timezone = types.StringValue("terminated"), types.StringValue("en"), types.StringValue("Etc/UTC")
	m.InsertedAt, m.UpdatedAt = types.StringValue("2024-01-01T00:00:00Z"), types.StringValue("2024-01-01T00:00:00Z")
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read decodes the state and encodes it again, unchanged.
func (r *organization) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m organizationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Update stores the plan.
func (r *organization) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m organizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Delete does nothing: the organization only lives in the state.
func (r *organization) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
