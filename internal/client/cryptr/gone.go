package cryptr

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// noResultType is the __type__ of the reference's "NoResult" answer for a
// deleted object.
const noResultType = "NoResult"

// goneAnswer reports whether a 200 answer says the object no longer exists:
// {"deleted": true, ...} (organizations, users, admins, webhooks) or a
// {"__type__": "NoResult"} (directory syncs).
func goneAnswer(body []byte) bool {
	var marker struct {
		Deleted bool   `json:"deleted"`
		Type    string `json:"__type__"`
	}
	return json.Unmarshal(body, &marker) == nil && (marker.Deleted || marker.Type == noResultType)
}

// getLive reads the object at path into a T. An answer that says the
// object was deleted, like a 404, yields an error for which
// httpclient.IsNotFound is true. what names the object in that error.
func getLive[T any](ctx context.Context, c *Client, path, what string) (*T, error) {
	var out liveResult[T]
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: path, Result: &out}); err != nil {
		return nil, err
	}
	if out.gone {
		return nil, httpclient.NotFoundError("Cryptr %s was deleted", what)
	}
	return &out.obj, nil
}

// liveResult decodes an answer that is either the object or a sign that it
// is gone (see goneAnswer), which carries no identity.
type liveResult[T any] struct {
	obj  T
	gone bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *liveResult[T]) UnmarshalJSON(body []byte) error {
	if goneAnswer(body) {
		r.gone = true
		return nil
	}
	return json.Unmarshal(body, &r.obj)
}

// MissingIdentity checks the object's identity, unless the answer says it
// is gone.
func (r *liveResult[T]) MissingIdentity() (string, bool) {
	if id, ok := any(&r.obj).(httpclient.Identified); ok && !r.gone {
		field, value := id.Identity()
		return field, value == ""
	}
	return "", false
}
