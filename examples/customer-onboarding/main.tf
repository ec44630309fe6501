# Onboards an enterprise customer with every Cryptr object, through the
# ./customer module. The provider reads its settings from CRYPTR_* variables;
# `make demo` style runs point them at the emulator.
terraform {
  required_version = ">= 1.11"
  required_providers {
    tenant = {
      source = "tenantops/tenant"
    }
  }
}

provider "tenant" {}

module "acme" {
  source = "./customer"

  name           = "Acme Industries"
  email_domains  = ["acme.com", "acme.io"]
  it_admin_email = "it-team@acme.com"
  users = {
    "jane.doe@acme.com" = { given_name = "Jane", family_name = "Doe", metadata = { employee_id = "E-1042" } }
    "john.roe@acme.com" = { given_name = "John", family_name = "Roe" }
  }
  webhook_url      = "https://hooks.example.com/cryptr/acme"
  app_callback_url = "https://acme.app.example.com/callback"
}

output "acme" {
  value = {
    domain = module.acme.domain
    saml   = module.acme.saml
  }
}
