output "domain" {
  description = "The organization's domain."
  value       = local.domain
}

output "saml" {
  description = "What the customer's IT team needs to configure its identity provider."
  value = {
    entity_id    = tenant_cryptr_sso_connection.this.entity_id
    acs_url      = tenant_cryptr_sso_connection.this.acs_url
    metadata_url = tenant_cryptr_sso_connection.this.metadata_url
  }
}

output "scim_token" {
  description = "Bearer token for the customer's SCIM client (shown once by Cryptr, kept in state)."
  value       = tenant_cryptr_directory_sync.this.scim_token
  sensitive   = true
}

output "webhook_signature_key" {
  description = "Key that authenticates the webhook's deliveries."
  value       = tenant_cryptr_webhook.directory.signature_key
  sensitive   = true
}
