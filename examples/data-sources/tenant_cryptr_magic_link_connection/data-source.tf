data "tenant_cryptr_magic_link_connection" "acme" {
  organization_domain = "acme-industries"
}

output "acme_magic_link_connection" {
  value = data.tenant_cryptr_magic_link_connection.acme
}
