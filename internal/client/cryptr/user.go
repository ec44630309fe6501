package cryptr

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// User is an end user of an organization. Users live in the environment of
// the API key that created them.
type User struct {
	ID          string `json:"id"`
	Domain      string `json:"__domain__"`
	Environment string `json:"__environment__"`
	Email       string `json:"email"`
	// PhoneNumber is in E.164 format; empty when unset.
	PhoneNumber         string      `json:"phone_number"`
	Active              bool        `json:"active"`
	EmailVerified       bool        `json:"email_verified"`
	PhoneNumberVerified bool        `json:"phone_number_verified"`
	Profile             UserProfile `json:"-"`
	Address             UserAddress `json:"-"`
	// Metadata maps each metadata key of the user to its value.
	Metadata   map[string]string `json:"-"`
	InsertedAt string            `json:"inserted_at"`
	UpdatedAt  string            `json:"updated_at"`
}

// UserProfile holds the OpenID Connect profile of a user; empty means unset.
type UserProfile struct {
	Birthdate         string `json:"birthdate"`
	FamilyName        string `json:"family_name"`
	Gender            string `json:"gender"`
	GivenName         string `json:"given_name"`
	Locale            string `json:"locale"`
	Nickname          string `json:"nickname"`
	Picture           string `json:"picture"`
	PreferredUsername string `json:"preferred_username"`
	Website           string `json:"website"`
	Zoneinfo          string `json:"zoneinfo"`
}

// UserAddress is a user's postal address; empty means unset.
type UserAddress struct {
	Country       string `json:"country"`
	Formatted     string `json:"formatted"`
	Locality      string `json:"locality"`
	PostalCode    string `json:"postal_code"`
	Region        string `json:"region"`
	StreetAddress string `json:"street_address"`
}

// fields lists the wire name and a pointer to each field of the profile,
// in a fixed order.
func (p *UserProfile) fields() [][2]any {
	return [][2]any{{"birthdate", &p.Birthdate}, {"family_name", &p.FamilyName}, {"gender", &p.Gender},
		{"given_name", &p.GivenName}, {"locale", &p.Locale}, {"nickname", &p.Nickname}, {"picture", &p.Picture},
		{"preferred_username", &p.PreferredUsername}, {"website", &p.Website}, {"zoneinfo", &p.Zoneinfo}}
}

// fields lists the wire name and a pointer to each field of the address.
func (a *UserAddress) fields() [][2]any {
	return [][2]any{{"country", &a.Country}, {"formatted", &a.Formatted}, {"locality", &a.Locality},
		{"postal_code", &a.PostalCode}, {"region", &a.Region}, {"street_address", &a.StreetAddress}}
}

// nullableFields decodes an object whose values may be null (read as "").
func nullableFields(raw json.RawMessage, fields [][2]any) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var values map[string]*string
	if err := json.Unmarshal(raw, &values); err != nil {
		return err
	}
	for _, f := range fields {
		*f[1].(*string) = peopleString(values[f[0].(string)])
	}
	return nil
}

// UnmarshalJSON decodes a User: nulls become empty strings and meta_data
// ([{key:{name}, value}]) becomes the Metadata map.
func (u *User) UnmarshalJSON(data []byte) error {
	type plain User
	var raw struct {
		plain
		PhoneNumber *string         `json:"phone_number"`
		Profile     json.RawMessage `json:"profile"`
		Address     json.RawMessage `json:"address"`
		MetaData    []struct {
			Key struct {
				Name string `json:"name"`
			} `json:"key"`
			Value *string `json:"value"`
		} `json:"meta_data"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*u = User(raw.plain)
	u.PhoneNumber = peopleString(raw.PhoneNumber)
	if err := nullableFields(raw.Profile, u.Profile.fields()); err != nil {
		return err
	}
	if err := nullableFields(raw.Address, u.Address.fields()); err != nil {
		return err
	}
	u.Metadata = map[string]string{}
	for _, m := range raw.MetaData {
		u.Metadata[m.Key.Name] = peopleString(m.Value)
	}
	return nil
}

// UserInput holds the writable fields of a user; empty strings mean unset.
type UserInput struct {
	Email       string
	PhoneNumber string
	Profile     UserProfile
	Address     UserAddress
}

// form encodes the input as the SDK does: email, phone_number,
// profile[<field>] and address[<field>]. With clear, unset fields are sent
// empty, which clears them on update; otherwise they are left out.
func (in UserInput) form(clear bool) url.Values {
	form := url.Values{"email": {in.Email}}
	set := func(key, value string) {
		if value != "" || clear {
			form.Set(key, value)
		}
	}
	set("phone_number", in.PhoneNumber)
	for _, f := range in.Profile.fields() {
		set("profile["+f[0].(string)+"]", *f[1].(*string))
	}
	for _, f := range in.Address.fields() {
		set("address["+f[0].(string)+"]", *f[1].(*string))
	}
	return form
}

func userPath(domain, emailOrID string) string {
	return orgPath(domain, "users/"+url.PathEscape(emailOrID))
}

// CreateUser creates a user in the organization, in the API key's
// environment. If the outcome of the request is unknown, the user is looked
// up by email before the create is ever sent again, so that a create that
// did happen is found and not repeated.
func (c *Client) CreateUser(ctx context.Context, domain string, in UserInput) (*User, error) {
	return createNew(ctx, c, "user", keyOf("email", in.Email)+" in organization "+domain, false, func(ctx context.Context) (*User, error) {
		var out User
		_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: orgPath(domain, "users"), Form: in.form(false), Result: &out})
		return &out, err
	}, func(ctx context.Context) (*User, bool, error) {
		return found(c.GetUser(ctx, domain, in.Email))
	})
}

// GetUser reads a user by id or by email.
func (c *Client) GetUser(ctx context.Context, domain, emailOrID string) (*User, error) {
	return getLive[User](ctx, c, userPath(domain, emailOrID), "user "+emailOrID+" of organization "+domain)
}

// UpdateUser replaces the writable fields of a user: unset fields are cleared.
func (c *Client) UpdateUser(ctx context.Context, domain, id string, in UserInput) (*User, error) {
	var out User
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: userPath(domain, id), Form: in.form(true), Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteUser deletes a user.
func (c *Client) DeleteUser(ctx context.Context, domain, id string) error {
	return c.deletePerson(ctx, userPath(domain, id), "user "+id)
}

// ListUsers returns every user of the organization in the API key's
// environment (all pages), newest first.
func (c *Client) ListUsers(ctx context.Context, domain string) ([]User, error) {
	return listAll(ctx, c.api, orgPath(domain, "users"), nil, 0, func(u User) string { return u.ID })
}

// AddUserMetadata sets the metadata key of a user to value. The key must be
// declared as a metakey in the Cryptr account.
func (c *Client) AddUserMetadata(ctx context.Context, domain, id, key, value string) (*User, error) {
	return c.userMetadata(ctx, userPath(domain, id)+"/add-metadata", url.Values{"key": {key}, "value": {value}})
}

// RemoveUserMetadata removes the metadata key of a user.
func (c *Client) RemoveUserMetadata(ctx context.Context, domain, id, key string) (*User, error) {
	return c.userMetadata(ctx, userPath(domain, id)+"/remove-metadata", url.Values{"key": {key}})
}

func (c *Client) userMetadata(ctx context.Context, path string, form url.Values) (*User, error) {
	var out User
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: path, Form: form, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}
