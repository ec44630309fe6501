data "tenant_cryptr_webhook" "audit" {
  id = "webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ"
}

output "audit_target" {
  value = data.tenant_cryptr_webhook.audit.target_url
}
