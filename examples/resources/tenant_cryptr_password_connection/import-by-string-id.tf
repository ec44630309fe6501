import {
  to = tenant_cryptr_password_connection.acme
  id = "acme-industries"
}
