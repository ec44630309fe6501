import {
  to = tenant_cryptr_totp_connection.acme
  id = "acme-industries"
}
