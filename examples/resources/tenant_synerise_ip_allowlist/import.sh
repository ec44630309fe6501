# The IP allowlist is imported by the UUID of its workspace, which must be the
# provider's current workspace.
terraform import tenant_synerise_ip_allowlist.this 6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c
