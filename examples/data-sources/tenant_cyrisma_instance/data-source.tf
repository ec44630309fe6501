# One instance by its ID, suspended or not: here, whether a customer's
# access is currently blocked.
data "tenant_cyrisma_instance" "contoso" {
  id = "9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"
}

output "contoso_suspended" {
  value = data.tenant_cyrisma_instance.contoso.suspended
}
