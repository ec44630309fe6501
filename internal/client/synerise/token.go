package synerise

import (
	"context"
	"errors"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// ErrNoWorkspaceSelected is returned by WorkspaceToken in the user mode
// when no workspace is configured: a user token is workspace-scoped only
// after a workspace is selected.
var ErrNoWorkspaceSelected = errors.New("no Synerise workspace is selected, so the user login has no workspace token: set workspace_uuid in the synerise block or the SYNERISE_WORKSPACE_UUID environment variable (or use a workspace API key)")

// WorkspaceToken returns the workspace-scoped JWT the client itself uses, for
// handing over to another tool, with at least half of its lifetime left
// (renewed first otherwise: by the legacy refresh with an API key, by a new
// login for a user). In the API-key mode it is the workspace token; in the
// user mode, the user token after the workspace selection. expiry is the
// token's exp claim, or the zero time when the token cannot be read (a
// workspace can encrypt its JWT payload): the client never relies on it.
func (c *Client) WorkspaceToken(ctx context.Context) (token string, expiry time.Time, err error) {
	if !c.cfg.UsesAPIKey() && c.cfg.WorkspaceUUID == "" {
		return "", time.Time{}, ErrNoWorkspaceSelected
	}
	current, err := c.api.Authorizer().Tokens.Current(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	return current.AccessToken, httpclient.JWTExpiry(current.AccessToken), nil
}
