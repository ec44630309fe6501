package cryptr

import (
	"context"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// createOnce sends a create through httpclient.CreateOnce: when its outcome
// is unknown, find looks the object up by its natural key before the create
// is ever sent again.
func createOnce[T any](ctx context.Context, c *Client, create func(context.Context) (*T, error), find func(context.Context) (*T, bool, error)) (*T, error) {
	return httpclient.CreateOnce(ctx, c.api, create, find)
}

// found turns the answer of a read into the answer of a look-up: not found
// is not an error there.
func found[T any](obj *T, err error) (*T, bool, error) {
	switch {
	case err == nil:
		return obj, true, nil
	case httpclient.IsNotFound(err):
		return nil, false, nil
	}
	return nil, false, err
}

// findIn looks an object up in a list by its natural key.
func findIn[T any](list []T, err error, match func(*T) bool) (*T, bool, error) {
	if err != nil {
		return nil, false, err
	}
	for i := range list {
		if match(&list[i]) {
			return &list[i], true, nil
		}
	}
	return nil, false, nil
}
