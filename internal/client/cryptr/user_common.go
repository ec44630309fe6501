package cryptr

import (
	"context"
	"fmt"
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// peopleString returns *s, or "" for nil (a JSON null).
func peopleString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// deletePerson sends DELETE path for an admin or a user. The API answers
// {"deleted": true, "resource": {...}}; "deleted": false is an error.
func (c *Client) deletePerson(ctx context.Context, path, what string) error {
	var out struct {
		Deleted *bool `json:"deleted"`
	}
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: path, Result: &out}); err != nil {
		return err
	}
	if out.Deleted != nil && !*out.Deleted {
		return fmt.Errorf("Cryptr API: DELETE %s answered \"deleted\": false; the %s was not deleted", path, what)
	}
	return nil
}
