package cryptr

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// MagicLinkConnection holds an organization's magic-link login settings.
// Every organization has one.
type MagicLinkConnection struct {
	Type             string  `json:"__type__"`
	ID               string  `json:"id"`
	Active           bool    `json:"active"`
	FindOrCreateUser bool    `json:"find_or_create_user"`
	SignInTemplateID *string `json:"sign_in_template_id"`
	InsertedAt       string  `json:"inserted_at"`
	UpdatedAt        string  `json:"updated_at"`
}

// MagicLinkConnectionInput is the full set of writable magic-link settings.
type MagicLinkConnectionInput struct {
	Active           bool
	FindOrCreateUser bool
	// SignInTemplateID is the sign-in email template; "" means Cryptr's
	// default (it is sent empty, which clears it).
	SignInTemplateID string
}

func magicLinkConnectionPath(domain string) string { return orgPath(domain, "magic-link-connection") }

// GetMagicLinkConnection reads an organization's magic-link connection.
func (c *Client) GetMagicLinkConnection(ctx context.Context, domain string) (*MagicLinkConnection, error) {
	return getLive[MagicLinkConnection](ctx, c, magicLinkConnectionPath(domain), "magic-link connection of organization "+domain)
}

// UpdateMagicLinkConnection sets every magic-link setting.
func (c *Client) UpdateMagicLinkConnection(ctx context.Context, domain string, in MagicLinkConnectionInput) (*MagicLinkConnection, error) {
	var out MagicLinkConnection
	_, err := c.api.Do(ctx, httpclient.Request{
		Method: http.MethodPut, Path: magicLinkConnectionPath(domain), Result: &out,
		Form: url.Values{
			"active":              {strconv.FormatBool(in.Active)},
			"find_or_create_user": {strconv.FormatBool(in.FindOrCreateUser)},
			"sign_in_template_id": {in.SignInTemplateID},
		},
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
