import {
  to = tenant_cryptr_organization.acme
  id = "acme-industries"
}
