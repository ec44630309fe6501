data "tenant_cryptr_admin" "it" {
  organization_domain = "acme-industries"
  email               = "it-team@acme.com"
}

output "it_admin_accepted" {
  value = data.tenant_cryptr_admin.it.accepted_invitation_at != null
}
