# Quickstart: one object per service. `make demo` applies it against the
# emulator; the provider reads its settings from the environment variables
# the emulator writes (CRYPTR_*, CYRISMA_*, SYNERISE_*).
terraform {
  required_version = ">= 1.11"
  required_providers {
    tenant = {
      source = "tenantops/tenant"
    }
  }
}

provider "tenant" {}

# Cryptr: a B2B customer organization. Cryptr derives its domain from the name.
resource "tenant_cryptr_organization" "acme" {
  name                  = "Acme Industries"
  allowed_email_domains = ["acme.com", "acme.io"]
}

# Cyrisma: a customer instance under the MSP's own organization (the root
# of the partner's structure).
data "tenant_cyrisma_instances" "root" {
  parent_id = ""
}

resource "tenant_cyrisma_instance" "acme" {
  parent_instance_id = data.tenant_cyrisma_instances.root.instances[0].id
  instance_type      = "standard"
  name               = "Acme Industries"
  short_name         = "Acme"
  country            = "US"
  email              = "it@acme.com"
  mfa_method         = "authenticator"
}

# Synerise: the workspace the credentials reach.
data "tenant_synerise_workspace" "current" {}

output "cryptr_organization_domain" {
  value = tenant_cryptr_organization.acme.domain
}

output "cryptr_environments" {
  value = { for env in tenant_cryptr_organization.acme.environments : env.name => env.status }
}

output "cyrisma_instance" {
  value = {
    id        = tenant_cyrisma_instance.acme.id
    url       = tenant_cyrisma_instance.acme.url
    hierarchy = tenant_cyrisma_instance.acme.hierarchy
  }
}

output "synerise_workspace" {
  value = "${data.tenant_synerise_workspace.current.name} (${data.tenant_synerise_workspace.current.uuid})"
}
