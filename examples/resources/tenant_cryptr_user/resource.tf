resource "tenant_cryptr_organization" "acme" {
  name                  = "Acme Industries"
  allowed_email_domains = ["acme.com"]
}

# A user lives in the environment of the provider's API key (sandbox here).
# Every metadata key must be declared as a user metakey in the Cryptr account.
resource "tenant_cryptr_user" "jane" {
  organization_domain = tenant_cryptr_organization.acme.domain
  email               = "jane.doe@acme.com"
  phone_number        = "+33123456789"

  profile = {
    given_name  = "Jane"
    family_name = "Doe"
    locale      = "fr"
    zoneinfo    = "Europe/Paris"
  }

  address = {
    street_address = "165 avenue de Bretagne"
    postal_code    = "59000"
    locality       = "Lille"
    country        = "FR"
  }

  metadata = {
    employee_id = "E-1042"
    cost_center = "platform"
  }
}

output "jane_environment" {
  value = tenant_cryptr_user.jane.environment
}
