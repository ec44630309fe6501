# The IP allowlist of the workspace the provider is authenticated to (the API
# key's workspace, or workspace_uuid in the user mode). Keep the addresses your
# people and pipelines use in the list before enabling it.
resource "tenant_synerise_ip_allowlist" "this" {
  enabled                = true
  enable_support_subnets = false
  ip_policy = [
    "203.0.113.7",     # the office's egress address
    "198.51.100.0/24", # the CI runners
    "2001:db8::/32",
  ]
}

# Destroying it turns the policy off and empties it.
