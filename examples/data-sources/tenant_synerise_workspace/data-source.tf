# The current workspace: the API key's own, or the one selected with
# workspace_uuid after a user login.
data "tenant_synerise_workspace" "current" {}

output "workspace" {
  value = {
    name          = data.tenant_synerise_workspace.current.name
    subdomain     = data.tenant_synerise_workspace.current.subdomain
    ip_restricted = data.tenant_synerise_workspace.current.ip_restricted
    mfa_required  = data.tenant_synerise_workspace.current.mfa_required
  }
}

# With a user login, any of the user's workspaces can be read by UUID (a
# workspace API key can read its own workspace only):
#
# data "tenant_synerise_workspace" "staging" {
#   uuid = "a7b8c9d0-e1f2-4a3b-9c4d-5e6f7a8b9c0d"
# }
