data "tenant_cryptr_password_connection" "acme" {
  organization_domain = "acme-industries"
}

output "acme_password_connection" {
  value = data.tenant_cryptr_password_connection.acme
}
