package cryptr

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// TOTPConnection holds an organization's TOTP (one-time code) settings.
// Every organization has one, deactivated by default. The API gives it no id.
type TOTPConnection struct {
	Domain          string `json:"__domain__"`
	Active          bool   `json:"active"`
	Method          string `json:"method"`
	ExpiryInSeconds int64  `json:"expiry_in_seconds"`
}

// TOTPConnectionInput is the full set of writable TOTP settings.
type TOTPConnectionInput struct {
	Active bool
	// Method is "sms" or "totp_mobile_app".
	Method string
	// ExpiryInSeconds is between 30 and 900.
	ExpiryInSeconds int64
}

func totpConnectionPath(domain string) string { return orgPath(domain, "totp-connection") }

// GetTOTPConnection reads an organization's TOTP connection.
func (c *Client) GetTOTPConnection(ctx context.Context, domain string) (*TOTPConnection, error) {
	return getLive[TOTPConnection](ctx, c, totpConnectionPath(domain), "TOTP connection of organization "+domain)
}

// UpdateTOTPConnection sets every TOTP setting. The API documents the
// update as a POST; it only sets values, so it is retried like a PUT.
func (c *Client) UpdateTOTPConnection(ctx context.Context, domain string, in TOTPConnectionInput) (*TOTPConnection, error) {
	var out TOTPConnection
	_, err := c.api.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: totpConnectionPath(domain), Result: &out, SafeToRetry: true,
		Form: url.Values{
			"active":            {strconv.FormatBool(in.Active)},
			"method":            {in.Method},
			"expiry_in_seconds": {strconv.FormatInt(in.ExpiryInSeconds, 10)},
		},
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
