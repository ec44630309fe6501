data "tenant_cryptr_redirect_uri" "app" {
  id = "8d814d02-35d8-48a9-a033-291fd5959a0c"
}

output "app_redirect_uri" {
  value = data.tenant_cryptr_redirect_uri.app.uri
}
