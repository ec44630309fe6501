package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// providerModel is the provider block.
type providerModel struct {
	RequestTimeout types.String `tfsdk:"request_timeout"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	// MaxRetryDuration bounds the retries of one API call.
	MaxRetryDuration types.String `tfsdk:"max_retry_duration"`
	// AdoptExisting lets a create take over an object already there.
	AdoptExisting types.Bool     `tfsdk:"adopt_existing"`
	Cryptr        *cryptrBlock   `tfsdk:"cryptr"`
	Cyrisma       *cyrismaBlock  `tfsdk:"cyrisma"`
	Synerise      *syneriseBlock `tfsdk:"synerise"`
}

type cryptrBlock struct {
	ServiceURL    types.String  `tfsdk:"service_url"`
	AccountDomain types.String  `tfsdk:"account_domain"`
	ClientID      types.String  `tfsdk:"client_id"`
	ClientSecret  types.String  `tfsdk:"client_secret"`
	RateLimit     types.Float64 `tfsdk:"max_requests_per_second"`
}

type cyrismaBlock struct {
	APIURL    types.String  `tfsdk:"api_url"`
	APIKey    types.String  `tfsdk:"api_key"`
	APISecret types.String  `tfsdk:"api_secret"`
	RateLimit types.Float64 `tfsdk:"max_requests_per_second"`
}

type syneriseBlock struct {
	Region        types.String  `tfsdk:"region"`
	APIURL        types.String  `tfsdk:"api_url"`
	APIKey        types.String  `tfsdk:"api_key"`
	Username      types.String  `tfsdk:"username"`
	Password      types.String  `tfsdk:"password"`
	WorkspaceUUID types.String  `tfsdk:"workspace_uuid"`
	MFATOTPSecret types.String  `tfsdk:"mfa_totp_secret"`
	RateLimit     types.Float64 `tfsdk:"max_requests_per_second"`
}

var uuidPattern = `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`

// setting describes one provider setting: its attribute, environment variable and default.
func settingAttr(description, env, def string, sensitive bool, validators ...validator.String) schema.StringAttribute {
	text := description + " Can also be set with the `" + env + "` environment variable."
	if def != "" {
		text += " Defaults to `" + def + "`."
	}
	return schema.StringAttribute{Optional: true, Sensitive: sensitive, MarkdownDescription: text, Validators: validators}
}

// rateLimitAttr is a service's max_requests_per_second setting.
func rateLimitAttr(service, env string, def float64) schema.Float64Attribute {
	return schema.Float64Attribute{
		Optional: true,
		MarkdownDescription: fmt.Sprintf("Most requests per second this provider sends to %s, shared by every resource and data source of the service, "+
			"so that a parallel apply stays under the vendor's rate limit instead of bouncing on 429 answers (which are still retried, honouring `Retry-After`). "+
			"`0` turns the client-side limit off. Can also be set with the `%s` environment variable. Defaults to `%g`.", service, env, def),
		Validators: []validator.Float64{float64validator.Between(0, maxRateLimit)},
	}
}

// Schema describes the provider block.
func (p *TenantProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	syneriseUserAttrs := []path.Expression{path.MatchRelative().AtParent().AtName("username"), path.MatchRelative().AtParent().AtName("password")}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Declares B2B customer tenants as code across Cryptr (authentication), Cyrisma (MSP provisioning) and Synerise (workspaces). " +
			"Each service is configured in its own optional block; a service that is not configured costs nothing until one of its resources or data sources is used. " +
			"Every setting can also come from an environment variable. Base URLs must use HTTPS, except on loopback addresses (for the emulator).",
		Attributes: map[string]schema.Attribute{
			"request_timeout": settingAttr("How long one HTTP request may take, as a duration such as `30s`.", envRequestTimeout, defaultRequestTimeout.String(), false, fwkit.Duration(time.Second)),
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "How many times a failed request is sent again (429, 5xx and connection errors on requests that are safe to repeat; a create is never repeated blindly). " +
					"Can also be set with the `" + envMaxRetries + "` environment variable. Defaults to `10`. Answers 429 have a budget of their own (30 retries) unless this is `0`, which turns every retry off.",
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"max_retry_duration": settingAttr("Longest time one API call may spend retrying (waits for `Retry-After`, backoff, and the look-ups that follow a create whose answer was lost), as a duration such as `2m`. "+
				"A call fails once it is spent, so that a server that never answers fails within `request_timeout` + `max_retry_duration`; a `Retry-After` longer than what is left fails at once, quoting it.",
				envMaxRetryDuration, defaultMaxRetryDuration.String(), false, fwkit.Duration(time.Second)),
			"adopt_existing": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "When a create finds an object with the same natural key already there (an organization of the same name, an admin or user with the same email, " +
					"a webhook with the same name and target, a Cyrisma instance with the same short name under the same parent, ...), take it over instead of failing: " +
					"the object is read as `terraform import` would, the configuration is applied to it, and a warning names it. " +
					"Such objects are typically left by an apply that was killed after the API made them but before Terraform saved them. " +
					"Off by default, because it could take over an object that someone else made by hand: without it the create fails with an error " +
					"that names the object and gives the `import {}` block to paste. Can also be set with the `" + envAdoptExisting + "` environment variable (`true` or `false`). Defaults to `false`.",
			},
		},
		Blocks: map[string]schema.Block{
			"cryptr": schema.SingleNestedBlock{
				MarkdownDescription: "Cryptr Management API v2, authenticated with an API key (client credentials). The key's environment (sandbox or production) is where environment-scoped objects are written.",
				Attributes: map[string]schema.Attribute{
					"service_url":             settingAttr("Cryptr service URL, such as `https://auth.cryptr.eu`, `https://auth.cryptr.us` or a dedicated `https://<account>.authent.me`.", envCryptrServiceURL, "", false, fwkit.BaseURL()),
					"account_domain":          settingAttr("Domain of the Cryptr account (tenant) the API key belongs to, sent with the token request.", envCryptrAccountDomain, "", false),
					"client_id":               settingAttr("API key client ID.", envCryptrClientID, "", false),
					"client_secret":           settingAttr("API key client secret.", envCryptrClientSecret, "", true),
					"max_requests_per_second": rateLimitAttr("Cryptr", envCryptrRateLimit, defaultCryptrRateLimit),
				},
			},
			"cyrisma": schema.SingleNestedBlock{
				MarkdownDescription: "Cyrisma Partner API (legacy `/app` API), authenticated with the partner API key and secret.",
				Attributes: map[string]schema.Attribute{
					"api_url":                 settingAttr("Cyrisma API URL.", envCyrismaAPIURL, defaultCyrismaAPIURL, false, fwkit.BaseURL()),
					"api_key":                 settingAttr("Partner API key (the login user name).", envCyrismaAPIKey, "", true),
					"api_secret":              settingAttr("Partner API secret (the login password).", envCyrismaAPISecret, "", true),
					"max_requests_per_second": rateLimitAttr("Cyrisma", envCyrismaRateLimit, defaultCyrismaRateLimit),
				},
			},
			"synerise": schema.SingleNestedBlock{
				MarkdownDescription: "Synerise API. Authenticate either with a workspace API key (`api_key`), or as a user (`username`, `password`, `workspace_uuid`, and `mfa_totp_secret` when the account has TOTP multi-factor authentication: the provider computes the code itself). " +
					"When the block sets attributes of one mode, that mode is used; when it sets none, `SYNERISE_API_KEY` wins over `SYNERISE_USERNAME`.",
				Attributes: map[string]schema.Attribute{
					"region": settingAttr("Synerise region (data centre) of the workspace: `azure` (Azure EU, `https://api.synerise.com`), `azure_us` (Azure US, `https://api.azu.synerise.com`) or `gcp` (`https://api.geb.synerise.com`). "+
						"`api_url` overrides it; a value set in the block wins over either environment variable.", envSyneriseRegion, defaultSyneriseRegion, false,
						stringvalidator.OneOf(syneriseRegionNames()...)),
					"api_url": settingAttr("Synerise API URL, which overrides `region` (for a proxy or the emulator). Defaults to the host of `region`.", envSyneriseAPIURL, "", false, fwkit.BaseURL()),
					"api_key": settingAttr("Workspace API key (a UUID).", envSyneriseAPIKey, "", true,
						stringvalidator.RegexMatches(regexpMust(uuidPattern), "must be a UUID"),
						stringvalidator.ConflictsWith(syneriseUserAttrs...)),
					"username":                settingAttr("User login (an email address).", envSyneriseUsername, "", false),
					"password":                settingAttr("User password.", envSynerisePassword, "", true),
					"workspace_uuid":          settingAttr("UUID of the workspace to select after a user login.", envSyneriseWorkspaceUUID, "", false, stringvalidator.RegexMatches(regexpMust(uuidPattern), "must be a UUID")),
					"mfa_totp_secret":         settingAttr("Base32 TOTP secret of the user's authenticator, for accounts with multi-factor authentication.", envSyneriseMFATOTPSecret, "", true),
					"max_requests_per_second": rateLimitAttr("Synerise", envSyneriseRateLimit, defaultSyneriseRateLimit),
				},
			},
		},
	}
}
