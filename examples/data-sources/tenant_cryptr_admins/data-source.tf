# Every admin of the organization (all pages), newest first.
data "tenant_cryptr_admins" "acme" {
  organization_domain = "acme-industries"
}

output "pending_invitations" {
  value = [for a in data.tenant_cryptr_admins.acme.admins : a.email if a.accepted_invitation_at == null]
}
