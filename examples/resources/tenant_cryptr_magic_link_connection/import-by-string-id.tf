import {
  to = tenant_cryptr_magic_link_connection.acme
  id = "acme-industries"
}
