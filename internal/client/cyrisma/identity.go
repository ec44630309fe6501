package cyrisma

import "github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"

// The Identity methods name each object's identifying field, so that
// httpclient.Client.Do rejects a 2xx answer without it (a broken proxy, a
// hostile server) before anything reaches the state. Lists and the API's
// one-element arrays are checked element by element.

var (
	_ httpclient.Identified = (*Instance)(nil)
	_ httpclient.Identified = (*CreatedInstance)(nil)
	_ httpclient.Identified = (*User)(nil)
)

// Identity returns the instance's instance_id.
func (i *Instance) Identity() (string, string) { return "instance_id", i.InstanceID }

// Identity returns the new instance's instance_id.
func (c *CreatedInstance) Identity() (string, string) { return "instance_id", c.InstanceID }

// Identity returns the user's id.
func (u *User) Identity() (string, string) { return "id", u.ID }
