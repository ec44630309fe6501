package cyrisma

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// pathInstances is the full listing of the structure; pathInstances + "/"
// + id reads one instance.
const pathInstances = "/partner/instances/info"

// ListInstances returns the provisioned structure; suspended instances are
// not part of it. It always asks the API; its answer also becomes the
// listing GetInstance shares (see ListingTTL).
func (c *Client) ListInstances(ctx context.Context) ([]Instance, error) {
	gen, started := c.listing.generation(), c.listing.now()
	out, err := c.listInstances(ctx)
	if err == nil {
		c.listing.record(gen, started, idsOf(out))
	}
	return out, err
}

// listInstances sends GET /partner/instances/info.
func (c *Client) listInstances(ctx context.Context) ([]Instance, error) {
	var out []Instance
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: pathInstances, Result: &out})
	return out, err
}

// fetchListing is the listing cache's fetch.
func (c *Client) fetchListing(ctx context.Context) (listing, error) {
	out, err := c.listInstances(ctx)
	if err != nil {
		return nil, err
	}
	return idsOf(out), nil
}

// idsOf returns the IDs of a listing.
func idsOf(list []Instance) listing {
	ids := make(listing, len(list))
	for _, inst := range list {
		ids[inst.InstanceID] = true
	}
	return ids
}

// GetInstance reads one instance, suspended ones included. An unknown (or
// still provisioning) instance yields an error for which
// httpclient.IsNotFound is true.
func (c *Client) GetInstance(ctx context.Context, id string) (*Instance, error) {
	inst, answered, err := c.readInstance(ctx, id)
	if err != nil {
		return nil, err
	}
	return c.withSuspension(ctx, inst, answered)
}

// readInstance sends GET /partner/instances/info/{id} and returns the
// instance as answered (Enabled nil unless the API reports it) and when the
// answer came.
func (c *Client) readInstance(ctx context.Context, id string) (*Instance, time.Time, error) {
	var out []Instance
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: pathInstances + "/" + url.PathEscape(id), Result: &out}); err != nil {
		return nil, time.Time{}, err
	}
	answered := c.listing.now()
	for i := range out {
		if out[i].InstanceID == id {
			return &out[i], answered, nil
		}
	}
	return nil, time.Time{}, httpclient.NotFoundError("Cyrisma instance %q", id)
}

// withSuspension fills Enabled when the API did not report it: the
// reference documents no such field on instances, only that suspended
// instances are hidden from the full listing, so absence from the listing
// means suspended. The listing is shared (see ListingTTL): one listed in
// it is active; one missing from it is taken for suspended only on a
// listing sent after its read by id was answered, since a listing sent
// earlier may predate its provisioning (or its reactivation elsewhere).
func (c *Client) withSuspension(ctx context.Context, inst *Instance, answered time.Time) (*Instance, error) {
	if inst.Enabled != nil {
		return inst, nil
	}
	listed, err := c.listing.get(ctx, time.Time{})
	if err == nil && !listed[inst.InstanceID] {
		listed, err = c.listing.get(ctx, answered)
	}
	if err != nil {
		return nil, err
	}
	enabled := 0
	if listed[inst.InstanceID] {
		enabled = 1
	}
	inst.Enabled = &enabled
	return inst, nil
}
