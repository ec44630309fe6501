package cyrisma

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// The two paths of "Reactivate Partner": Cyrisma's OpenAPI document
// (operation ReactivateInstance) says PATCH /partner/instances/reactivate,
// the endpoint table of its authentication guide PATCH
// /partner/instances/info. The client tries the first, falls back to the
// other when the API answers 404 or 405 (the route is not served, so
// nothing was done), and remembers which one answered.
const (
	pathReactivate     = "/partner/instances/reactivate"
	pathReactivateInfo = "/partner/instances/info"
)

// ConvertInstance converts a consulting (trial) instance to managed; the
// conversion is one way. It does not change which instances are listed,
// so the shared listing stays.
func (c *Client) ConvertInstance(ctx context.Context, id string) error {
	return c.patchInstance(ctx, "/partner/instances/convert", id, nil, false)
}

// SuspendInstance blocks access to an instance and its descendants; it
// discards the shared listing.
func (c *Client) SuspendInstance(ctx context.Context, id string) error {
	defer c.listing.invalidate()
	return c.patchInstance(ctx, "/partner/instances/suspend", id, nil, true)
}

// ReactivateInstance restores a suspended instance; it discards the shared
// listing. The first call tries PATCH /partner/instances/reactivate, then,
// on a 404 or 405, PATCH /partner/instances/info; later calls go straight
// to the path that answered (see ReactivatePath).
func (c *Client) ReactivateInstance(ctx context.Context, id string) error {
	defer c.listing.invalidate()
	first := c.ReactivatePath()
	second := pathReactivateInfo
	if first == pathReactivateInfo {
		second = pathReactivate
	}
	err := c.patchInstance(ctx, first, id, nil, true)
	if !routeNotServed(err) {
		return err
	}
	if err2 := c.patchInstance(ctx, second, id, nil, true); routeNotServed(err2) {
		return fmt.Errorf("%w (PATCH %s was tried too: %v)", err, second, err2)
	} else if err2 != nil {
		return err2
	}
	c.reactivatePath.Store(&second)
	return nil
}

// ReactivatePath returns the path ReactivateInstance tries first: the one
// that last worked, else PATCH /partner/instances/reactivate.
func (c *Client) ReactivatePath() string {
	if p := c.reactivatePath.Load(); p != nil {
		return *p
	}
	return pathReactivate
}

// routeNotServed reports whether an API answered 404 or 405: the path (or
// method) is not served there, so the request did nothing.
func routeNotServed(err error) bool {
	return httpclient.HasStatus(err, http.StatusNotFound) || httpclient.HasStatus(err, http.StatusMethodNotAllowed)
}

// SetInstanceMFA sets the MFA method (MFANone, MFAEmail or MFAAuthenticator).
func (c *Client) SetInstanceMFA(ctx context.Context, id, mfaType string) error {
	return c.patchInstance(ctx, "/partner/instances/mfa", id, url.Values{"mfa_type": {mfaType}}, true)
}

// patchInstance sends a lifecycle PATCH. safe marks operations that set a
// state and can be repeated without harm.
func (c *Client) patchInstance(ctx context.Context, path, id string, extra url.Values, safe bool) error {
	form := url.Values{"instance_id": {id}}
	for k, v := range extra {
		form[k] = v
	}
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPatch, Path: path, Form: form, SafeToRetry: safe})
	return err
}
