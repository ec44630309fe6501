# The SSO connections of every organization (all pages).
data "tenant_cryptr_sso_connections" "all" {}

output "inactive_sso_organizations" {
  value = [for c in data.tenant_cryptr_sso_connections.all.sso_connections : c.organization_domain if !c.active]
}
