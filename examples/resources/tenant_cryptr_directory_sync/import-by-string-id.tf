import {
  to = tenant_cryptr_directory_sync.acme_sandbox
  id = "acme-industries"
}
