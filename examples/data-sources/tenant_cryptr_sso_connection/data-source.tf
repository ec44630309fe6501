data "tenant_cryptr_sso_connection" "acme" {
  organization_domain = "acme-industries"
}

output "acme_acs_url" {
  value = data.tenant_cryptr_sso_connection.acme.acs_url
}
