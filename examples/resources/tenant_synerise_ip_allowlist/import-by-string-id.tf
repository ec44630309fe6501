import {
  to = tenant_synerise_ip_allowlist.this
  id = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c"
}
