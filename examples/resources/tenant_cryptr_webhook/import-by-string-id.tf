import {
  to = tenant_cryptr_webhook.directory_sync
  id = "webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ"
}
