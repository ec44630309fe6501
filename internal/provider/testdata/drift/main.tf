# A small estate for TestAccDriftCheckScript: a Cryptr organization, a
# Cryptr webhook whose target URL embeds a token (so it comes from a
# sensitive variable) and a Cyrisma customer instance under the partner's
# root. The provider reads its settings from the CRYPTR_* and CYRISMA_*
# environment variables the test points at the emulator.
terraform {
  required_version = ">= 1.11"
  required_providers {
    tenant = {
      source = "tenantops/tenant"
    }
  }
}

provider "tenant" {}

variable "audit_hook_url" {
  description = "Receiver of the audit webhook; its path holds the receiver's token."
  type        = string
  sensitive   = true
  default     = "https://hooks.example.com/cryptr/tok-5f1c9a7e2b8d4e06"
}

data "tenant_cyrisma_instances" "partner" {
  parent_id = ""
}

resource "tenant_cryptr_organization" "acme" {
  name                  = "Acme Industries"
  allowed_email_domains = ["acme.com"]
}

resource "tenant_cryptr_webhook" "audit" {
  name        = "Audit trail"
  target_url  = var.audit_hook_url
  event_codes = ["dir_sync.user.provision.success"]
}

resource "tenant_cyrisma_instance" "contoso" {
  parent_instance_id = data.tenant_cyrisma_instances.partner.instances[0].id
  instance_type      = "standard"
  name               = "Contoso Ltd"
  short_name         = "Contoso"
  country            = "US"
  email              = "it@contoso.example"
  mfa_method         = "authenticator"
}

# The identifiers the test needs for its out-of-band changes.
output "webhook_id" {
  value = tenant_cryptr_webhook.audit.id
}

output "instance_id" {
  value = tenant_cyrisma_instance.contoso.id
}
