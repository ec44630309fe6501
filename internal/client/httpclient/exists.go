package httpclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// ExistsError reports that a create found an object with the same natural
// key already there (an organization of the same name, an admin with the
// same email in the organization, a webhook with the same name and target,
// ...). It is typically left behind by an earlier apply that was killed after
// the API made the object but before Terraform saved it. Existing holds that
// object, so that the provider can name it or adopt it.
type ExistsError struct {
	// Service names the API ("Cryptr", "Cyrisma").
	Service string
	// Kind names the object ("organization", "admin").
	Kind string
	// Key describes the natural key, such as `name "Acme"`.
	Key string
	// Existing is the object found, as the service client returns it (a
	// pointer to the client's type).
	Existing any
	// Refusal is the API's answer to the create; nil when the object was
	// found before the create was sent (for APIs that would make a second
	// one).
	Refusal error
}

// Error implements error.
func (e *ExistsError) Error() string {
	msg := fmt.Sprintf("a %s %s with %s already exists", e.Service, e.Kind, e.Key)
	if e.Refusal != nil {
		msg += " (the API refused the create: " + e.Refusal.Error() + ")"
	}
	return msg
}

// Unwrap returns the API's refusal, if any.
func (e *ExistsError) Unwrap() error { return e.Refusal }

// AsExists returns the ExistsError in err, if any.
func AsExists(err error) (*ExistsError, bool) {
	var exists *ExistsError
	ok := errors.As(err, &exists)
	return exists, ok
}

// ExistingAs returns the object held by the ExistsError in err as a *T.
func ExistingAs[T any](err error) (*T, bool) {
	exists, ok := AsExists(err)
	if !ok {
		return nil, false
	}
	obj, ok := exists.Existing.(*T)
	return obj, ok && obj != nil
}

// isConflict reports whether err is a refusal that an object already there
// may explain: 409, 422, or 400 (APIs that answer validation errors so).
func isConflict(err error) bool {
	apiErr, ok := AsAPIError(err)
	if !ok {
		return false
	}
	switch apiErr.StatusCode {
	case http.StatusConflict, http.StatusUnprocessableEntity, http.StatusBadRequest:
		return true
	}
	return false
}

// NaturalKey names an object kind and the natural key a create would make,
// for ExistsError.
type NaturalKey struct {
	Service, Kind, Key string
	// CheckFirst looks the key up before the create is sent, for APIs that
	// would otherwise make a second object with the same key (webhooks,
	// Cyrisma instances and users): a duplicate is never made, even after a
	// killed run.
	CheckFirst bool
}

// CreateUnlessExists runs create (itself usually a CreateOnce) and reports
// an object already holding the natural key as an *ExistsError: found
// before the create when key.CheckFirst is set, or found after the API
// refused the create with 400, 409 or 422. Any other failure is returned as
// it is, and so is a refusal when find finds nothing. The look-ups and the
// create share one retry budget of c (see Client.WithBudget).
func CreateUnlessExists[T any](ctx context.Context, c *Client, key NaturalKey, create func(context.Context) (*T, error), find func(context.Context) (*T, bool, error)) (*T, error) {
	ctx = c.WithBudget(ctx)
	exists := func(obj *T, refusal error) error {
		return &ExistsError{Service: key.Service, Kind: key.Kind, Key: key.Key, Existing: obj, Refusal: refusal}
	}
	if key.CheckFirst {
		obj, ok, err := find(ctx)
		switch {
		case err != nil:
			return nil, fmt.Errorf("looking up a %s %s with %s before creating one: %w", key.Service, key.Kind, key.Key, err)
		case ok:
			return nil, exists(obj, nil)
		}
	}
	made, err := create(ctx)
	if err == nil || !isConflict(err) || ctx.Err() != nil {
		return made, err
	}
	obj, ok, findErr := find(ctx)
	if findErr != nil || !ok {
		return made, err
	}
	return nil, exists(obj, err)
}
