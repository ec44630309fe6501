package cryptr

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// hiddenToken is what the API answers in place of the SCIM token after creation.
const hiddenToken = "hidden"

// DirectorySync is an organization's SCIM directory sync in the API key's
// environment.
type DirectorySync struct {
	Type            string          `json:"__type__"`
	Domain          string          `json:"__domain__"`
	Environment     string          `json:"__environment__"`
	ID              string          `json:"id"`
	Active          bool            `json:"active"`
	AuthSecretToken AuthSecretToken `json:"auth_secret_token"`
	ProviderType    *string         `json:"provider_type"`
	InsertedAt      string          `json:"inserted_at"`
	UpdatedAt       string          `json:"updated_at"`
	// Deleted is true in a {"deleted": true} answer.
	Deleted bool `json:"deleted"`
}

// AuthSecretToken is the SCIM bearer token of a directory sync; Value is
// "hidden" except in the answers of create and reset.
type AuthSecretToken struct {
	Hint        string `json:"hint"`
	ProviderKey string `json:"provider_key"`
	Value       string `json:"value"`
}

// Token returns the SCIM bearer token, or "" when the answer hides it.
func (d *DirectorySync) Token() string {
	if d.AuthSecretToken.Value == hiddenToken {
		return ""
	}
	return d.AuthSecretToken.Value
}

// IsConflict reports whether err is a 409 answer (the object already exists).
func IsConflict(err error) bool { return httpclient.HasStatus(err, http.StatusConflict) }

func directorySyncPath(domain string) string { return orgPath(domain, "directory-sync") }

// CreateDirectorySync creates the directory sync of an organization in the
// API key's environment; the answer carries the SCIM token, shown only
// this once. One that already exists gives an error for which IsConflict
// is true. The request is never repeated blindly: when its outcome is
// unknown, the organization's directory sync is looked up first, and if the
// lost answer did create it, its token (shown only once) is reset so that the
// caller still gets one.
func (c *Client) CreateDirectorySync(ctx context.Context, domain string) (*DirectorySync, error) {
	natural := httpclient.NaturalKey{Service: "Cryptr", Kind: "directory sync", Key: "organization " + domain}
	return httpclient.CreateUnlessExists(ctx, c.api, natural, func(ctx context.Context) (*DirectorySync, error) {
		return createOnce(ctx, c, func(ctx context.Context) (*DirectorySync, error) {
			return c.directorySyncCall(ctx, domain, httpclient.Request{Method: http.MethodPost, Path: directorySyncPath(domain)})
		}, func(ctx context.Context) (*DirectorySync, bool, error) {
			if _, ok, err := found(c.GetDirectorySync(ctx, domain)); !ok || err != nil {
				return nil, ok, err
			}
			return found(c.ResetDirectorySyncToken(ctx, domain))
		})
	}, func(ctx context.Context) (*DirectorySync, bool, error) {
		// The one already there: its token is not reset (see ExistsError).
		return found(c.GetDirectorySync(ctx, domain))
	})
}

// GetDirectorySync reads the directory sync of an organization in the API
// key's environment; a missing one gives an error for which
// httpclient.IsNotFound is true.
func (c *Client) GetDirectorySync(ctx context.Context, domain string) (*DirectorySync, error) {
	return c.directorySyncCall(ctx, domain, httpclient.Request{Method: http.MethodGet, Path: directorySyncPath(domain)})
}

// UpdateDirectorySync activates or deactivates a directory sync, the only
// change the API allows.
func (c *Client) UpdateDirectorySync(ctx context.Context, domain string, active bool) (*DirectorySync, error) {
	return c.directorySyncCall(ctx, domain, httpclient.Request{
		Method: http.MethodPut, Path: directorySyncPath(domain),
		Form: url.Values{"active": {strconv.FormatBool(active)}},
	})
}

// ResetDirectorySyncToken replaces the SCIM token; the answer carries the
// new one. Repeating the request is harmless (the last token wins), so it
// is retried like an idempotent one.
func (c *Client) ResetDirectorySyncToken(ctx context.Context, domain string) (*DirectorySync, error) {
	return c.directorySyncCall(ctx, domain, httpclient.Request{
		Method: http.MethodPost, Path: directorySyncPath(domain) + "/reset-token", SafeToRetry: true,
	})
}

func (c *Client) directorySyncCall(ctx context.Context, domain string, req httpclient.Request) (*DirectorySync, error) {
	var out DirectorySync
	req.Result = &out
	resp, err := c.api.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	if goneAnswer(resp.Body) {
		return nil, httpclient.NotFoundError("Cryptr directory sync of organization %q was deleted", domain)
	}
	return &out, nil
}
