# A user is read by email or by id, in the environment of the provider's API key.
data "tenant_cryptr_user" "jane" {
  organization_domain = "acme-industries"
  email               = "jane.doe@acme.com"
}

output "jane_id" {
  value = data.tenant_cryptr_user.jane.id
}
