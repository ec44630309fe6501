data "tenant_synerise_workspaces" "all" {}

output "workspace_names" {
  value = { for w in data.tenant_synerise_workspaces.all.workspaces : w.uuid => w.name }
}
