package cryptr

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// SSOConnection is an organization's SSO (SAML) connection. Cryptr has
// one per organization and no delete.
type SSOConnection struct {
	ID                           string     `json:"id"`
	Active                       bool       `json:"active"`
	ProviderType                 string     `json:"provider_type"`
	NumberUsersProvisioningLimit *int64     `json:"number_users_provisioning_limit"`
	UsersAccessPolicy            string     `json:"users_access_policy"`
	SPID                         string     `json:"sp_id"`
	SAMLConfig                   SAMLConfig `json:"saml_config"`
	InsertedAt                   string     `json:"inserted_at"`
	UpdatedAt                    string     `json:"updated_at"`
	// OrganizationDomain is the domain of the organization it belongs to.
	OrganizationDomain string `json:"-"`
}

// SAMLConfig holds the connection's SAML settings.
type SAMLConfig struct {
	EntityID          string `json:"entity_id"`
	ACSURL            string `json:"acs_url"`
	CryptrMetadataURL string `json:"cryptr_metadata_url"`
	SLOURL            string `json:"slo_url"`
	// SSOProviderMetadata is the identity provider's metadata XML; empty when unset.
	SSOProviderMetadata string `json:"sso_provider_metadata"`
}

// UnmarshalJSON reads the reference's field names, falling back to the
// Kotlin SDK's (number_user_provisioning_limit, users_provisioning_on_first_login).
func (c *SSOConnection) UnmarshalJSON(data []byte) error {
	type plain SSOConnection
	var w struct {
		plain
		Organization        json.RawMessage `json:"organization"`
		NumberUserLimit     *int64          `json:"number_user_provisioning_limit"`
		ProvisioningOnLogin string          `json:"users_provisioning_on_first_login"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*c = SSOConnection(w.plain)
	if c.NumberUsersProvisioningLimit == nil {
		c.NumberUsersProvisioningLimit = w.NumberUserLimit
	}
	if c.UsersAccessPolicy == "" {
		c.UsersAccessPolicy = w.ProvisioningOnLogin
	}
	var org struct {
		Domain string `json:"domain"`
	}
	if json.Unmarshal(w.Organization, &org) == nil {
		c.OrganizationDomain = org.Domain
	} else {
		_ = json.Unmarshal(w.Organization, &c.OrganizationDomain)
	}
	return nil
}

// SSOConnectionInput holds the writable settings of an SSO connection.
type SSOConnectionInput struct {
	// ProviderType (such as saml.okta) is sent at creation only: the API
	// cannot change it.
	ProviderType string
	Active       bool
	// NumberUsersProvisioningLimit is the session limit; nil means none.
	NumberUsersProvisioningLimit *int64
	// UsersAccessPolicy is only_registered_users, provision_new_users or
	// unregistered_users_allowed; empty leaves the API's default.
	UsersAccessPolicy string
	// Metadata is the identity provider's metadata XML; empty means none.
	Metadata string
}

// createForm holds the creation fields (the API reads no metadata then).
func (in SSOConnectionInput) createForm() url.Values {
	form := url.Values{"active": {strconv.FormatBool(in.Active)}}
	if in.ProviderType != "" {
		form.Set("provider_type", in.ProviderType)
	}
	if in.UsersAccessPolicy != "" {
		form.Set("users_access_policy", in.UsersAccessPolicy)
	}
	if in.NumberUsersProvisioningLimit != nil {
		form.Set("number_users_provisioning_limit", strconv.FormatInt(*in.NumberUsersProvisioningLimit, 10))
	}
	return form
}

// updateForm holds every updatable field; empty values clear the limit and
// the metadata.
func (in SSOConnectionInput) updateForm() url.Values {
	form := url.Values{
		"active":                          {strconv.FormatBool(in.Active)},
		"metadata":                        {in.Metadata},
		"number_users_provisioning_limit": {""},
	}
	if in.UsersAccessPolicy != "" {
		form.Set("users_access_policy", in.UsersAccessPolicy)
	}
	if in.NumberUsersProvisioningLimit != nil {
		form.Set("number_users_provisioning_limit", strconv.FormatInt(*in.NumberUsersProvisioningLimit, 10))
	}
	return form
}

// CreateSSOConnection creates the organization's SSO connection, then sets
// its metadata when in has some (the API takes metadata on update only).
// When the outcome of the create is unknown, the organization's connection is
// looked up before the create is sent again.
// An organization that already has one answers 409: see
// httpclient.HasStatus(err, http.StatusConflict).
//
// created, when not nil, is called with the new connection as soon as the
// create has made it, before the metadata is set: a caller records it there
// (a resource saves it in the state), so that a failure of the second call,
// returned as the error, leaves a connection it knows of, not an orphan.
func (c *Client) CreateSSOConnection(ctx context.Context, domain string, in SSOConnectionInput, created func(*SSOConnection)) (*SSOConnection, error) {
	out, err := createOnce(ctx, c, func(ctx context.Context) (*SSOConnection, error) {
		var out SSOConnection
		_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: orgPath(domain, "sso-connection"), Form: in.createForm(), Result: &out})
		return &out, err
	}, func(ctx context.Context) (*SSOConnection, bool, error) {
		// An organization has at most one SSO connection.
		return found(c.GetSSOConnection(ctx, domain))
	})
	if err != nil {
		return nil, err
	}
	if created != nil {
		created(out)
	}
	if in.Metadata == "" {
		return out, nil
	}
	return c.UpdateSSOConnection(ctx, domain, in)
}

// GetSSOConnection reads the organization's SSO connection.
func (c *Client) GetSSOConnection(ctx context.Context, domain string) (*SSOConnection, error) {
	return getLive[SSOConnection](ctx, c, orgPath(domain, "sso-connection"), "SSO connection of organization "+domain)
}

// UpdateSSOConnection sets every updatable setting of the organization's
// SSO connection (ProviderType is not sent).
func (c *Client) UpdateSSOConnection(ctx context.Context, domain string, in SSOConnectionInput) (*SSOConnection, error) {
	return c.putSSOConnection(ctx, domain, in.updateForm())
}

// SetSSOConnectionActive only activates or deactivates the organization's
// SSO connection.
func (c *Client) SetSSOConnectionActive(ctx context.Context, domain string, active bool) (*SSOConnection, error) {
	return c.putSSOConnection(ctx, domain, url.Values{"active": {strconv.FormatBool(active)}})
}

func (c *Client) putSSOConnection(ctx context.Context, domain string, form url.Values) (*SSOConnection, error) {
	var out SSOConnection
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: orgPath(domain, "sso-connection"), Form: form, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListSSOConnections returns the SSO connections of every organization,
// following every page; perPage zero means 50.
func (c *Client) ListSSOConnections(ctx context.Context, perPage int) ([]SSOConnection, error) {
	return listAll(ctx, c.api, "/api/v2/sso-connections", nil, perPage, func(s SSOConnection) string { return s.ID })
}
