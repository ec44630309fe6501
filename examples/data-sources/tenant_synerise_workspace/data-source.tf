data "tenant_synerise_workspace" "current" {}

output "workspace" {
  value = data.tenant_synerise_workspace.current.name
}
