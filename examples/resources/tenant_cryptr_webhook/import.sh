# A webhook is imported by its id, with a provider whose API key belongs to
# the webhook's environment.
terraform import tenant_cryptr_webhook.directory_sync webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ
