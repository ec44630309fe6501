package synerise

import "github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"

// Identity names a workspace's identifying field, so that
// httpclient.Client.Do rejects an answer (or a list) holding a workspace
// without its UUID before anything reaches the state.
func (w *Workspace) Identity() (string, string) { return "businessProfileGuid", w.GUID }

var _ httpclient.Identified = (*Workspace)(nil)
