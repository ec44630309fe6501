import {
  to = tenant_cryptr_admin.it
  id = "acme-industries/it-team@acme.com"
}
