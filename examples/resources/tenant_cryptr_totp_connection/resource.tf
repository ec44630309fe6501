resource "tenant_cryptr_organization" "acme" {
  name = "Acme Industries"
}

# Every organization has a TOTP connection, off by default: this adopts it and
# turns it on with codes sent by SMS (valid 600 s, SMS's default, unless
# expiry_in_seconds says otherwise).
resource "tenant_cryptr_totp_connection" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
  active              = true
  method              = "sms"
}
