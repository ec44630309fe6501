resource "tenant_cryptr_organization" "acme" {
  name = "Acme Industries"
}

# Every organization has a magic-link connection: this adopts it.
resource "tenant_cryptr_magic_link_connection" "acme" {
  organization_domain = tenant_cryptr_organization.acme.domain
  active              = true
  find_or_create_user = true
}
