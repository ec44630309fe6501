# A user is read by its ID; disabled users are found too.
data "tenant_cyrisma_user" "jane" {
  id = "3f2a9c1e-7b4d-4e8a-9c6f-2d1b0a9e8f7c"
}

output "jane_can_sign_in" {
  value = data.tenant_cyrisma_user.jane.enabled
}
