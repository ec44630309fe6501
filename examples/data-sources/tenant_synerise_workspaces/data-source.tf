# Every workspace the user can access (with a workspace API key: the key's
# own workspace only).
data "tenant_synerise_workspaces" "all" {}

output "workspace_names" {
  value = { for w in data.tenant_synerise_workspaces.all.workspaces : w.uuid => w.name }
}

# For example, fail early when a workspace lacks multi-factor authentication.
output "workspaces_without_mfa" {
  value = [for w in data.tenant_synerise_workspaces.all.workspaces : w.subdomain if !w.mfa_required]
}
