# Needs the workspace API-key mode (api_key in the synerise block). The
# postcondition stops the plan, before anything changes, when the key lacks a
# permission the pipeline needs.
data "tenant_synerise_api_key_permissions" "pipeline" {
  permissions = ["CATALOGS_CATALOG_READ", "CATALOGS_CATALOG_CREATE", "TRACKER_CREATE"]

  lifecycle {
    postcondition {
      condition     = length(self.missing) == 0
      error_message = "The Synerise API key of ${self.workspace_name} lacks: ${join(", ", self.missing)}."
    }
  }
}

# Or, to warn without failing:
check "synerise_api_key" {
  assert {
    condition     = length(data.tenant_synerise_api_key_permissions.pipeline.missing) == 0
    error_message = "The Synerise API key lacks: ${join(", ", data.tenant_synerise_api_key_permissions.pipeline.missing)}."
  }
}
