data "tenant_cryptr_organization" "acme" {
  domain = "acme-industries"
}

output "acme_environments" {
  value = data.tenant_cryptr_organization.acme.environments
}
