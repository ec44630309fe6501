package synerise

import (
	"context"
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// Workspace is a workspace (business profile) as the user's list shows it.
type Workspace struct {
	GUID         string `json:"businessProfileGuid"`
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Logo         string `json:"logo"`
	Created      string `json:"created"`
	Subdomain    string `json:"subdomain"`
	IPRestricted bool   `json:"ipRestricted"`
	MFARequired  bool   `json:"mfaRequired"`
}

// CurrentWorkspace is the workspace the token is scoped to.
type CurrentWorkspace struct {
	// Selected is false for a user token without a selected workspace.
	Selected bool `json:"selected"`
	// Data is nil when no workspace is selected.
	Data *CurrentWorkspaceData `json:"data"`
}

// CurrentWorkspaceData is the current workspace. Unlike the list, it gives
// the restrictions as enums ("OFF" is the only documented value).
type CurrentWorkspaceData struct {
	GUID           string `json:"businessProfileGuid"`
	ID             int64  `json:"id"`
	Name           string `json:"name"`
	Logo           string `json:"logo"`
	Created        string `json:"created"`
	Subdomain      string `json:"subdomain"`
	IPRestriction  string `json:"ipRestriction"`
	MFARestriction string `json:"mfaRestriction"`
}

// ListWorkspaces returns the workspaces the logged-in user can access. It
// needs the user mode: a workspace API-key token is refused (403).
func (c *Client) ListWorkspaces(ctx context.Context) ([]Workspace, error) {
	var out []Workspace
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/uauth/business-profile/", Result: &out})
	return out, err
}

// GetCurrentWorkspace returns the workspace the token is scoped to.
func (c *Client) GetCurrentWorkspace(ctx context.Context) (*CurrentWorkspace, error) {
	var out CurrentWorkspace
	if _, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/uauth/business-profile/current", Result: &out}); err != nil {
		return nil, err
	}
	if out.Selected && out.Data != nil && out.Data.GUID != "" {
		c.currentMu.Lock()
		c.currentUUID = out.Data.GUID
		c.currentMu.Unlock()
	}
	return &out, nil
}

// CurrentWorkspaceUUID returns the UUID of the workspace the client's
// tokens are scoped to, or "" when a user logged in without selecting one.
// The credentials decide that workspace (the API key's, or the configured
// workspace_uuid), so it cannot change during the client's life: it is asked
// once, like a login, not at every read.
func (c *Client) CurrentWorkspaceUUID(ctx context.Context) (string, error) {
	c.currentMu.Lock()
	known := c.currentUUID
	c.currentMu.Unlock()
	if known != "" {
		return known, nil
	}
	current, err := c.GetCurrentWorkspace(ctx)
	if err != nil || !current.Selected || current.Data == nil {
		return "", err
	}
	return current.Data.GUID, nil
}
