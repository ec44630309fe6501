package provider

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/client/synerise"
)

// str returns the attribute of a block that may be absent.
func str[B any](block *B, get func(*B) types.String) types.String {
	if block == nil {
		return types.StringNull()
	}
	return get(block)
}

func buildCryptr(m providerModel, shared httpclient.Config) (any, error) {
	b := m.Cryptr
	serviceURL := resolve("cryptr.service_url", envCryptrServiceURL, str(b, func(b *cryptrBlock) types.String { return b.ServiceURL }), "")
	account := resolve("cryptr.account_domain", envCryptrAccountDomain, str(b, func(b *cryptrBlock) types.String { return b.AccountDomain }), "")
	id := resolve("cryptr.client_id", envCryptrClientID, str(b, func(b *cryptrBlock) types.String { return b.ClientID }), "")
	secret := resolve("cryptr.client_secret", envCryptrClientSecret, str(b, func(b *cryptrBlock) types.String { return b.ClientSecret }), "")
	base, urlErr := serviceURL.baseURL()
	rate, rateErr := resolveRateLimit("cryptr.max_requests_per_second", envCryptrRateLimit,
		float(b, func(b *cryptrBlock) types.Float64 { return b.RateLimit }), defaultCryptrRateLimit)
	if err := errors.Join(urlErr, required(account, id, secret), rateErr); err != nil {
		return nil, err
	}
	shared.MaxRequestsPerSecond = rate
	return cryptr.New(cryptr.Config{ServiceURL: base, AccountDomain: account.value, ClientID: id.value, ClientSecret: secret.value}, shared), nil
}

func buildCyrisma(m providerModel, shared httpclient.Config) (any, error) {
	b := m.Cyrisma
	apiURL := resolve("cyrisma.api_url", envCyrismaAPIURL, str(b, func(b *cyrismaBlock) types.String { return b.APIURL }), defaultCyrismaAPIURL)
	key := resolve("cyrisma.api_key", envCyrismaAPIKey, str(b, func(b *cyrismaBlock) types.String { return b.APIKey }), "")
	secret := resolve("cyrisma.api_secret", envCyrismaAPISecret, str(b, func(b *cyrismaBlock) types.String { return b.APISecret }), "")
	base, urlErr := apiURL.baseURL()
	rate, rateErr := resolveRateLimit("cyrisma.max_requests_per_second", envCyrismaRateLimit,
		float(b, func(b *cyrismaBlock) types.Float64 { return b.RateLimit }), defaultCyrismaRateLimit)
	if err := errors.Join(urlErr, required(key, secret), rateErr); err != nil {
		return nil, err
	}
	shared.MaxRequestsPerSecond = rate
	return cyrisma.New(cyrisma.Config{APIURL: base, APIKey: key.value, APISecret: secret.value}, shared), nil
}

func buildSynerise(m providerModel, shared httpclient.Config) (any, error) {
	cfg, err := resolveSynerise(m.Synerise)
	rate, rateErr := resolveRateLimit("synerise.max_requests_per_second", envSyneriseRateLimit,
		float(m.Synerise, func(b *syneriseBlock) types.Float64 { return b.RateLimit }), defaultSyneriseRateLimit)
	if err := errors.Join(err, rateErr); err != nil {
		return nil, err
	}
	shared.MaxRequestsPerSecond = rate
	return synerise.New(cfg, shared), nil
}

// resolveSynerise picks the authentication mode: the one whose attributes the
// block sets, else SYNERISE_API_KEY, else the user variables. Its error
// names every problem, one per line: the API URL's and the credentials'.
// A credential not known until apply gives a fwkit.NotKnownError (so a
// plan does not fail because of it).
func resolveSynerise(b *syneriseBlock) (synerise.Config, error) {
	get := func(f func(*syneriseBlock) types.String) types.String { return str(b, f) }
	key := resolve("synerise.api_key", envSyneriseAPIKey, get(func(b *syneriseBlock) types.String { return b.APIKey }), "")
	user := resolve("synerise.username", envSyneriseUsername, get(func(b *syneriseBlock) types.String { return b.Username }), "")
	password := resolve("synerise.password", envSynerisePassword, get(func(b *syneriseBlock) types.String { return b.Password }), "")
	workspace := resolve("synerise.workspace_uuid", envSyneriseWorkspaceUUID, get(func(b *syneriseBlock) types.String { return b.WorkspaceUUID }), "")
	totpSecret := resolve("synerise.mfa_totp_secret", envSyneriseMFATOTPSecret, get(func(b *syneriseBlock) types.String { return b.MFATOTPSecret }), "")
	base, urlErr := resolveSyneriseAPIURL(b)
	userInConfig := user.fromConfig || password.fromConfig
	userInBlock := userInConfig || user.unknown || password.unknown
	var cfg synerise.Config
	var err error
	switch {
	case key.fromConfig && userInConfig:
		err = fmt.Errorf("synerise: set either api_key or username and password, not both")
	case key.unknown:
		// The mode is api_key's, unless the block also sets the user's
		// attributes: then only apply tells (an empty api_key is unset).
		err = key.missingError()
	case key.fromConfig || (key.value != "" && !userInBlock):
		cfg = synerise.Config{APIURL: base, APIKey: key.value}
	case userInBlock || user.value != "" || password.value != "":
		err = required(user, password)
		cfg = synerise.Config{APIURL: base, Username: user.value, Password: password.value, WorkspaceUUID: workspace.value, MFATOTPSecret: totpSecret.value}
	default:
		err = fmt.Errorf("synerise credentials are not set: set api_key (or the %s environment variable), or username and password (or %s and %s) in the provider's synerise block", envSyneriseAPIKey, envSyneriseUsername, envSynerisePassword)
	}
	if err := errors.Join(urlErr, err); err != nil {
		return synerise.Config{}, err
	}
	return cfg, nil
}
