package cyrisma

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// User is a portal user of an organization instance. Users sign on at the
// organization level and reach everything under it.
type User struct {
	ID        string `json:"id"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	// Enabled is a string in the API: "1" for an active user, "0" for a
	// disabled one.
	Enabled    string `json:"enabled"`
	InstanceID string `json:"instance_id"`
}

// IsEnabled reports whether the user is active ("1", or "true" in any case).
func (u *User) IsEnabled() bool {
	return u.Enabled == "1" || strings.EqualFold(u.Enabled, "true")
}

// CreateUserInput holds the fields of a new user; all are required.
type CreateUserInput struct {
	// InstanceID must name an organization instance.
	InstanceID string
	Username   string
	FirstName  string
	LastName   string
}

// CreateUser adds a user to an organization instance. The request is never
// repeated blindly, since a second one would create a second user: when its
// outcome is unknown, an enabled user with this username in this instance is
// looked up first (destroy disables users, so disabled ones are past users).
func (c *Client) CreateUser(ctx context.Context, in CreateUserInput) (*User, error) {
	form := url.Values{
		"instance_id": {in.InstanceID},
		"username":    {in.Username},
		"first_name":  {in.FirstName},
		"last_name":   {in.LastName},
	}
	find := func(ctx context.Context) (*User, bool, error) {
		users, err := c.ListUsers(ctx)
		if err != nil {
			return nil, false, err
		}
		for i := range users {
			if u := &users[i]; u.Username == in.Username && u.InstanceID == in.InstanceID && u.IsEnabled() {
				return u, true, nil
			}
		}
		return nil, false, nil
	}
	// The API would make a second user with the same username: look first.
	natural := httpclient.NaturalKey{Service: "Cyrisma", Kind: "user",
		Key: fmt.Sprintf("username %q in instance %s", in.Username, in.InstanceID), CheckFirst: true}
	return httpclient.CreateUnlessExists(ctx, c.api, natural, func(ctx context.Context) (*User, error) {
		return httpclient.CreateOnce(ctx, c.api, func(ctx context.Context) (*User, error) {
			var out User
			_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: "/partner/instances/users/create", Form: form, Result: &out})
			return &out, err
		}, find)
	}, find)
}

// ListUsers returns every user of the partner account, disabled ones included.
func (c *Client) ListUsers(ctx context.Context) ([]User, error) {
	var out []User
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/partner/users/info", Result: &out})
	return out, err
}

// GetUser reads one user by id, disabled ones included. The API answers an
// array; an empty one (an unknown user) yields an error for which
// httpclient.IsNotFound is true.
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	var out []User
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/partner/users/info/" + url.PathEscape(id), Result: &out}); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].ID == id {
			return &out[i], nil
		}
	}
	return nil, httpclient.NotFoundError("Cyrisma user %q", id)
}

// DisableUser disables a user; it is safe to repeat. The API has neither a
// delete nor a re-enable call for users.
func (c *Client) DisableUser(ctx context.Context, id string) error {
	_, err := c.api.Do(ctx, httpclient.Request{
		Method: http.MethodPatch, Path: "/partner/users/disable", Form: url.Values{"user_id": {id}}, SafeToRetry: true,
	})
	return err
}
