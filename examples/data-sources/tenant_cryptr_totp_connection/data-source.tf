data "tenant_cryptr_totp_connection" "acme" {
  organization_domain = "acme-industries"
}

output "acme_totp_connection" {
  value = data.tenant_cryptr_totp_connection.acme
}
