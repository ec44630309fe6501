import {
  to = tenant_cryptr_sso_connection.acme
  id = "acme-industries"
}
