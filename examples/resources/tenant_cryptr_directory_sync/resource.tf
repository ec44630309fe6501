resource "tenant_cryptr_organization" "acme" {
  name = "Acme Industries"
}

# The SCIM directory sync of the organization in the sandbox environment
# (the environment of the default provider's API key).
resource "tenant_cryptr_directory_sync" "acme_sandbox" {
  organization_domain = tenant_cryptr_organization.acme.domain

  # Change this value to get a new SCIM token (the old one stops working).
  token_rotation = "2025-01"
}

# The production one, through a provider configured with a production API key.
provider "tenant" {
  alias = "production"
  cryptr {
    client_id     = var.cryptr_production_client_id
    client_secret = var.cryptr_production_client_secret
  }
}

variable "cryptr_production_client_id" {
  type = string
}

variable "cryptr_production_client_secret" {
  type      = string
  sensitive = true
}

resource "tenant_cryptr_directory_sync" "acme_production" {
  provider            = tenant.production
  organization_domain = tenant_cryptr_organization.acme.domain
}

# Give the token to the customer's identity provider, e.g. through a secret store.
output "acme_scim_token" {
  value     = tenant_cryptr_directory_sync.acme_sandbox.scim_token
  sensitive = true
}
