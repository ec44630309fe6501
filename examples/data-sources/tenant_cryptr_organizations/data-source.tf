# Every organization with at least one environment up (all pages).
data "tenant_cryptr_organizations" "live" {
  environment_statuses = ["up"]
}

output "live_domains" {
  value = [for org in data.tenant_cryptr_organizations.live.organizations : org.domain]
}
