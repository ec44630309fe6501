package cryptr

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// PasswordConnection holds an organization's password login settings.
type PasswordConnection struct {
	Type                     string  `json:"__type__"`
	Domain                   string  `json:"__domain__"`
	ID                       string  `json:"id"`
	Active                   bool    `json:"active"`
	PlainTextMinLength       int64   `json:"plain_text_min_length"`
	PlainTextMaxLength       int64   `json:"plain_text_max_length"`
	PepperRotationPeriod     int64   `json:"pepper_rotation_period"`
	ForgotPasswordTemplateID *string `json:"forgot_password_template_id"`
	InsertedAt               string  `json:"inserted_at"`
	UpdatedAt                string  `json:"updated_at"`
	Deleted                  bool    `json:"deleted"`
}

// PasswordConnectionInput is the full set of writable password settings.
type PasswordConnectionInput struct {
	Active               bool
	PlainTextMinLength   int64
	PlainTextMaxLength   int64
	PepperRotationPeriod int64
	// ForgotPasswordTemplateID is the email template of the "forgot
	// password" message; "" means Cryptr's default (it is sent empty, which
	// clears it).
	ForgotPasswordTemplateID string
}

func (in PasswordConnectionInput) form() url.Values {
	return url.Values{
		"active":                      {strconv.FormatBool(in.Active)},
		"plain_text_min_length":       {strconv.FormatInt(in.PlainTextMinLength, 10)},
		"plain_text_max_length":       {strconv.FormatInt(in.PlainTextMaxLength, 10)},
		"pepper_rotation_period":      {strconv.FormatInt(in.PepperRotationPeriod, 10)},
		"forgot_password_template_id": {in.ForgotPasswordTemplateID},
	}
}

func passwordConnectionPath(domain string) string { return orgPath(domain, "password-connection") }

// CreatePasswordConnection enables password login for an organization. An
// organization that already has one gives a 422. The request is never
// repeated blindly: when its outcome is unknown, the organization's password
// connection is looked up (and, if there, given in's settings) first.
func (c *Client) CreatePasswordConnection(ctx context.Context, domain string, in PasswordConnectionInput) (*PasswordConnection, error) {
	natural := httpclient.NaturalKey{Service: "Cryptr", Kind: "password connection", Key: "organization " + domain}
	return httpclient.CreateUnlessExists(ctx, c.api, natural, func(ctx context.Context) (*PasswordConnection, error) {
		return createOnce(ctx, c, func(ctx context.Context) (*PasswordConnection, error) {
			return c.passwordConnectionCall(ctx, domain, httpclient.Request{Method: http.MethodPost, Path: passwordConnectionPath(domain), Form: in.form()})
		}, func(ctx context.Context) (*PasswordConnection, bool, error) {
			if _, ok, err := found(c.GetPasswordConnection(ctx, domain)); !ok || err != nil {
				return nil, ok, err
			}
			return found(c.UpdatePasswordConnection(ctx, domain, in))
		})
	}, func(ctx context.Context) (*PasswordConnection, bool, error) {
		return found(c.GetPasswordConnection(ctx, domain))
	})
}

// GetPasswordConnection reads an organization's password connection; an
// organization without one gives an error for which httpclient.IsNotFound is true.
func (c *Client) GetPasswordConnection(ctx context.Context, domain string) (*PasswordConnection, error) {
	return c.passwordConnectionCall(ctx, domain, httpclient.Request{Method: http.MethodGet, Path: passwordConnectionPath(domain)})
}

// UpdatePasswordConnection sets every password setting.
func (c *Client) UpdatePasswordConnection(ctx context.Context, domain string, in PasswordConnectionInput) (*PasswordConnection, error) {
	return c.passwordConnectionCall(ctx, domain, httpclient.Request{Method: http.MethodPut, Path: passwordConnectionPath(domain), Form: in.form()})
}

func (c *Client) passwordConnectionCall(ctx context.Context, domain string, req httpclient.Request) (*PasswordConnection, error) {
	var out PasswordConnection
	req.Result = &out
	resp, err := c.api.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	if goneAnswer(resp.Body) {
		return nil, httpclient.NotFoundError("Cryptr password connection of organization %q was deleted", domain)
	}
	return &out, nil
}
