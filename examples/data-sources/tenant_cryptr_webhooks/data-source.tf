# Every webhook of the provider's API key environment (all pages).
data "tenant_cryptr_webhooks" "all" {}

output "webhook_targets" {
  value = { for w in data.tenant_cryptr_webhooks.all.webhooks : w.name => w.target_url }
}
