# A webhook lives in the environment of the provider's API key.
# The default provider uses a sandbox key...
resource "tenant_cryptr_webhook" "directory_sync" {
  name       = "Directory sync audit"
  target_url = "https://hooks.example.com/cryptr/sandbox"
  event_codes = [
    "dir_sync.user.provision.success",
    "dir_sync.user.deprovision.success",
    "dir_sync.group.users_added.success",
  ]
}

# ...and an aliased provider configured with a production key declares
# production webhooks.
provider "tenant" {
  alias = "production"
  cryptr {
    client_id     = var.cryptr_production_client_id
    client_secret = var.cryptr_production_client_secret
  }
}

resource "tenant_cryptr_webhook" "everything" {
  provider    = tenant.production
  name        = "All events"
  target_url  = "https://hooks.example.com/cryptr/production"
  event_codes = ["all"]
}

variable "cryptr_production_client_id" {
  type = string
}

variable "cryptr_production_client_secret" {
  type      = string
  sensitive = true
}

# The signature key authenticates the deliveries; hand it to the receiver.
output "production_signature_key" {
  value     = tenant_cryptr_webhook.everything.signature_key
  sensitive = true
}
