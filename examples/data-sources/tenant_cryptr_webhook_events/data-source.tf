# Deliveries that are failing and will be tried again, or were given up.
data "tenant_cryptr_webhook_events" "failing" {
  states = ["retryable", "discarded"]
}

# Every delivery of directory-sync provisioning events.
data "tenant_cryptr_webhook_events" "provisioning" {
  event_codes = ["dir_sync.user.provision.success", "dir_sync.user.provision.fail"]
}

output "failing_deliveries" {
  value = [for e in data.tenant_cryptr_webhook_events.failing.events : "${e.id} ${e.event_code} → ${e.webhook_id} (${e.state}, attempt ${e.attempt}/${e.max_attempts})"]
}
