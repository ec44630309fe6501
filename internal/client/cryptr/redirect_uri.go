package cryptr

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// RedirectURI is a URI end users may be sent back to after they log in. It
// lives in the environment of the API key that created it.
type RedirectURI struct {
	ID          string `json:"id"`
	Environment string `json:"__environment__"`
	URI         string `json:"uri"`
	// Default marks the environment's default redirect URI (at most one).
	Default    bool   `json:"default"`
	InsertedAt string `json:"inserted_at"`
	UpdatedAt  string `json:"updated_at"`
}

// RedirectURIInput holds the writable fields of a redirect URI.
type RedirectURIInput struct {
	URI     string
	Default bool
}

func (in RedirectURIInput) form() url.Values {
	return url.Values{"uri": {in.URI}, "default": {strconv.FormatBool(in.Default)}}
}

func redirectURIPath(id string) string {
	return "/api/v2/redirect-uris/" + url.PathEscape(id)
}

// CreateRedirectURI creates a redirect URI in the API key's environment.
// Making it the default clears the environment's previous default. When the
// outcome of the request is unknown, the URI is looked up in the
// environment's list before the create is sent again.
func (c *Client) CreateRedirectURI(ctx context.Context, in RedirectURIInput) (*RedirectURI, error) {
	return createNew(ctx, c, "redirect URI", keyOf("uri", in.URI), false, func(ctx context.Context) (*RedirectURI, error) {
		var out RedirectURI
		_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: "/api/v2/redirect-uris", Form: in.form(), Result: &out})
		return &out, err
	}, func(ctx context.Context) (*RedirectURI, bool, error) {
		list, err := c.ListRedirectURIs(ctx, 0)
		return findIn(list, err, func(r *RedirectURI) bool { return r.URI == in.URI })
	})
}

// GetRedirectURI reads a redirect URI of the API key's environment.
func (c *Client) GetRedirectURI(ctx context.Context, id string) (*RedirectURI, error) {
	return getLive[RedirectURI](ctx, c, redirectURIPath(id), "redirect URI "+id)
}

// UpdateRedirectURI changes a redirect URI's uri and default flag.
func (c *Client) UpdateRedirectURI(ctx context.Context, id string, in RedirectURIInput) (*RedirectURI, error) {
	var out RedirectURI
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: redirectURIPath(id), Form: in.form(), Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteRedirectURI deletes a redirect URI. The API refuses (422 on
// "default") to delete the default while others exist: the default flag is
// then unset and the delete sent again.
func (c *Client) DeleteRedirectURI(ctx context.Context, id string) error {
	err := c.deleteRedirectURI(ctx, id)
	if apiErr, ok := httpclient.AsAPIError(err); !ok || apiErr.StatusCode != http.StatusUnprocessableEntity || apiErr.FieldErrors["default"] == nil {
		return err
	}
	_, err = c.api.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: redirectURIPath(id), Form: url.Values{"default": {"false"}}})
	if err != nil {
		return err
	}
	return c.deleteRedirectURI(ctx, id)
}

func (c *Client) deleteRedirectURI(ctx context.Context, id string) error {
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: redirectURIPath(id)})
	return err
}

// ListRedirectURIs returns every redirect URI of the API key's environment,
// following every page; perPage zero means 50.
func (c *Client) ListRedirectURIs(ctx context.Context, perPage int) ([]RedirectURI, error) {
	return listAll(ctx, c.api, "/api/v2/redirect-uris", nil, perPage, func(u RedirectURI) string { return u.ID })
}
