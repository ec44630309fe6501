package synerise

import (
	"context"
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// permissionCheckResponse is the answer of the API-key permission check.
type permissionCheckResponse struct {
	BusinessProfileName string          `json:"businessProfileName"`
	Permissions         map[string]bool `json:"permissions"`
}

// CheckPermissions asks which of names the workspace API key holds. It
// returns every name of names mapped to whether it is granted (a name the
// answer leaves out is not granted) and the workspace's name. It needs the
// API-key mode: a user token is refused (403). The check changes nothing,
// so the POST is safe to retry.
func (c *Client) CheckPermissions(ctx context.Context, names []string) (map[string]bool, string, error) {
	if names == nil {
		names = []string{}
	}
	var out permissionCheckResponse
	_, err := c.api.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: "/uauth/api-key/permission-check", JSON: names, Result: &out, SafeToRetry: true,
	})
	if err != nil {
		return nil, "", err
	}
	granted := make(map[string]bool, len(names))
	for _, name := range names {
		granted[name] = out.Permissions[name]
	}
	return granted, out.BusinessProfileName, nil
}
