# Every user of the organization in the API key's environment (all pages), newest first.
data "tenant_cryptr_users" "acme" {
  organization_domain = "acme-industries"
}

output "unverified_emails" {
  value = [for u in data.tenant_cryptr_users.acme.users : u.email if !u.email_verified]
}
