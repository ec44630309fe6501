terraform {
  required_providers {
    tenant = {
      source = "tenantops/tenant"
    }
  }
}

# The domain is known at plan time, before the organization exists, so
# other configuration (DNS records, application settings, ...) can use it.
output "acme_domain" {
  value = provider::tenant::cryptr_domain("Acme Industries, Inc.") # "acme-industries-inc"
}
