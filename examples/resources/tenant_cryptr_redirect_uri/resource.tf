# Redirect URIs live in the environment of the provider's API key.
resource "tenant_cryptr_redirect_uri" "app" {
  uri     = "https://app.example.com/callback"
  default = true # at most one default per environment
}

resource "tenant_cryptr_redirect_uri" "mobile" {
  uri = "com.example.app:/oauth2redirect"
}

# The same URI in production, through a provider configured with the
# production API key.
provider "tenant" {
  alias = "production"
  cryptr {
    service_url    = "https://auth.cryptr.eu"
    account_domain = "my-account"
    client_id      = var.cryptr_production_client_id
    client_secret  = var.cryptr_production_client_secret
  }
}

variable "cryptr_production_client_id" {
  type = string
}

variable "cryptr_production_client_secret" {
  type      = string
  sensitive = true
}

resource "tenant_cryptr_redirect_uri" "app_production" {
  provider = tenant.production
  uri      = "https://app.example.com/callback"
  default  = true
}
