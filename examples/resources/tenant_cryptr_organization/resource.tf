resource "tenant_cryptr_organization" "acme" {
  name                  = "Acme Industries"
  allowed_email_domains = ["acme.com", "acme.io"]

  timeouts {
    create = "15m"
  }
}
