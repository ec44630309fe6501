# A short-lived workspace JWT for another provider or tool, never written to
# the plan or the state (Terraform 1.10 or later). It is the token the
# provider already holds (no extra login), with at least half of its
# lifetime left.
ephemeral "tenant_synerise_workspace_token" "this" {}

# Pass it where Terraform accepts ephemeral values, for example to the
# ephemeral "http" resource of hashicorp/http (in the versions that have one;
# it is left commented here so that this example needs no other provider):
#
# ephemeral "http" "catalogs" {
#   url = "https://api.synerise.com/catalogs/bags?limit=10"
#   request_headers = {
#     Authorization = "Bearer ${ephemeral.tenant_synerise_workspace_token.this.token}"
#     Api-Version   = "4.4"
#   }
# }
#
# or to a child module's ephemeral variable, or a provider block.

# Ephemeral values can be checked, but not stored. (expires_at is null when
# the token cannot be read; try() then lets the check pass.)
check "synerise_token" {
  assert {
    condition     = try(timecmp(ephemeral.tenant_synerise_workspace_token.this.expires_at, timeadd(plantimestamp(), "5m")) > 0, true)
    error_message = "The Synerise workspace token expires in less than five minutes."
  }
}
