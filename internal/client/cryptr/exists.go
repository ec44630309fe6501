package cryptr

import (
	"context"
	"fmt"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// createNew creates an object through createOnce (never a duplicate when an
// answer is lost) and reports an object already holding its natural key as
// an *httpclient.ExistsError: found by find after the API refused the
// create, or before the create when checkFirst is set (for objects the API
// would make twice). find must have no side effect.
func createNew[T any](ctx context.Context, c *Client, kind, key string, checkFirst bool, create func(context.Context) (*T, error), find func(context.Context) (*T, bool, error)) (*T, error) {
	natural := httpclient.NaturalKey{Service: "Cryptr", Kind: kind, Key: key, CheckFirst: checkFirst}
	return httpclient.CreateUnlessExists(ctx, c.api, natural, func(ctx context.Context) (*T, error) {
		return createOnce(ctx, c, create, find)
	}, find)
}

// keyOf describes a natural key for errors, such as `name "Acme"`.
func keyOf(field, value string) string { return fmt.Sprintf("%s %q", field, value) }
