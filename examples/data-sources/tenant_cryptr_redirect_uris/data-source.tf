# Every redirect URI of the API key's environment (all pages).
data "tenant_cryptr_redirect_uris" "all" {}

output "default_redirect_uri" {
  value = one([for u in data.tenant_cryptr_redirect_uris.all.redirect_uris : u.uri if u.default])
}
