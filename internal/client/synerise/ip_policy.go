package synerise

import (
	"context"
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// ipPolicyPath is the workspace IP allowlist endpoint.
const ipPolicyPath = "/uauth/settings/user-bp-ip-policy"

// IPPolicy is the IP allowlist of the workspace the token is scoped to.
type IPPolicy struct {
	// Enabled turns the restriction on.
	Enabled bool `json:"enabled"`
	// EnableSupportSubnets lets Synerise support's networks in as well.
	EnableSupportSubnets bool `json:"enableSupportSubnets"`
	// IPPolicy lists the allowed IPv4/IPv6 addresses and CIDR blocks.
	IPPolicy []string `json:"ipPolicy"`
}

// GetIPPolicy returns the IP policy of the current workspace. It needs a
// workspace-scoped token (an API key, or a user with a selected workspace).
func (c *Client) GetIPPolicy(ctx context.Context) (*IPPolicy, error) {
	var out IPPolicy
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: ipPolicyPath, Result: &out}); err != nil {
		return nil, err
	}
	if out.IPPolicy == nil {
		out.IPPolicy = []string{}
	}
	return &out, nil
}

// SetIPPolicy replaces the whole IP policy of the current workspace and
// returns it as stored. The POST is a full replacement, so it is safe to
// retry. When the answer carries no body, the policy is read back.
func (c *Client) SetIPPolicy(ctx context.Context, policy IPPolicy) (*IPPolicy, error) {
	if policy.IPPolicy == nil {
		policy.IPPolicy = []string{} // the API expects an array, never null
	}
	var out IPPolicy
	resp, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: ipPolicyPath, JSON: policy, Result: &out, SafeToRetry: true})
	if err != nil {
		return nil, err
	}
	if len(resp.Body) == 0 {
		return c.GetIPPolicy(ctx)
	}
	if out.IPPolicy == nil {
		out.IPPolicy = []string{}
	}
	return &out, nil
}
