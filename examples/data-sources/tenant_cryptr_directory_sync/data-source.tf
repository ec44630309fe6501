data "tenant_cryptr_directory_sync" "acme" {
  organization_domain = "acme-industries"
}

output "acme_directory_sync" {
  value = data.tenant_cryptr_directory_sync.acme
}
