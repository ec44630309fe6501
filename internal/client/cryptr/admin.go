package cryptr

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// Admin is an organization's administrator (the customer's IT person),
// invited by email to onboard the organization.
type Admin struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Color string `json:"color"`
	// InvitedAt is when the invitation was sent (the creation time).
	InvitedAt string `json:"invited_at"`
	// AcceptedInvitationAt, DeclinedToBeInChargeAt and LastLoginAt are
	// empty until the admin acts.
	AcceptedInvitationAt   string `json:"accepted_invitation_at"`
	DeclinedToBeInChargeAt string `json:"declined_to_be_in_charge_at"`
	LastLoginAt            string `json:"last_login_at"`
	Organization           struct {
		Domain string `json:"domain"`
	} `json:"organization"`
	InsertedAt string `json:"inserted_at"`
	UpdatedAt  string `json:"updated_at"`
}

// UnmarshalJSON decodes an Admin, reading JSON nulls as empty strings.
func (a *Admin) UnmarshalJSON(data []byte) error {
	type plain Admin
	var raw struct {
		plain
		AcceptedInvitationAt   *string `json:"accepted_invitation_at"`
		DeclinedToBeInChargeAt *string `json:"declined_to_be_in_charge_at"`
		LastLoginAt            *string `json:"last_login_at"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*a = Admin(raw.plain)
	a.AcceptedInvitationAt, a.DeclinedToBeInChargeAt, a.LastLoginAt = peopleString(raw.AcceptedInvitationAt), peopleString(raw.DeclinedToBeInChargeAt), peopleString(raw.LastLoginAt)
	return nil
}

func adminPath(domain, email string) string {
	return orgPath(domain, "admins/"+url.PathEscape(email))
}

// CreateAdmin invites email as an admin of the organization. If the request
// fails in a way that leaves its outcome unknown, the admin is looked up by
// email before the invitation is ever sent again, so that a create that did
// happen is not reported as failed (and not repeated).
func (c *Client) CreateAdmin(ctx context.Context, domain, email string) (*Admin, error) {
	return createNew(ctx, c, "admin", keyOf("email", email)+" in organization "+domain, false, func(ctx context.Context) (*Admin, error) {
		var out Admin
		_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: orgPath(domain, "admins"), Form: url.Values{"email": {email}}, Result: &out})
		return &out, err
	}, func(ctx context.Context) (*Admin, bool, error) {
		return found(c.GetAdmin(ctx, domain, email))
	})
}

// GetAdmin reads an organization's admin by email.
func (c *Client) GetAdmin(ctx context.Context, domain, email string) (*Admin, error) {
	return getLive[Admin](ctx, c, adminPath(domain, email), "admin "+email+" of organization "+domain)
}

// DeleteAdmin removes an organization's admin.
func (c *Client) DeleteAdmin(ctx context.Context, domain, email string) error {
	return c.deletePerson(ctx, adminPath(domain, email), "admin "+email)
}

// ListAdmins returns every admin of the organization (all pages), newest first.
func (c *Client) ListAdmins(ctx context.Context, domain string) ([]Admin, error) {
	return listAll(ctx, c.api, orgPath(domain, "admins"), nil, 0, func(a Admin) string { return strings.ToLower(a.Email) })
}
