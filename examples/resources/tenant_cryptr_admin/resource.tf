resource "tenant_cryptr_organization" "acme" {
  name                  = "Acme Industries"
  allowed_email_domains = ["acme.com"]
}

# Invites Acme's IT person to onboard the organization (SSO, directory sync).
# Changing the email replaces the admin: the old one is deleted and a new
# invitation is sent.
resource "tenant_cryptr_admin" "it" {
  organization_domain = tenant_cryptr_organization.acme.domain
  email               = "it-team@acme.com"
}

output "it_admin_invited_at" {
  value = tenant_cryptr_admin.it.invited_at
}
