# Every setting can come from the environment instead (see the table
# below); a service you do not use can be left out entirely.
provider "tenant" {
  request_timeout = "30s"
  max_retries     = 10

  cryptr {
    service_url    = "https://auth.cryptr.eu"
    account_domain = "my-account"
    client_id      = var.cryptr_client_id
    client_secret  = var.cryptr_client_secret
    # Stay under the vendor's rate limit however parallel the apply is.
    max_requests_per_second = 25
  }

  cyrisma {
    # api_url defaults to https://api.cyrisma.com/app
    api_key    = var.cyrisma_api_key
    api_secret = var.cyrisma_api_secret
  }

  # Either a workspace API key...
  synerise {
    region  = "azure" # azure (default), azure_us or gcp
    api_key = var.synerise_api_key
  }
  # ...or a user login, with the TOTP secret for accounts with MFA:
  # synerise {
  #   username        = "ops@example.com"
  #   password        = var.synerise_password
  #   workspace_uuid  = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c"
  #   mfa_totp_secret = var.synerise_totp_secret
  # }
}

variable "cryptr_client_id" { type = string }
variable "cryptr_client_secret" {
  type      = string
  sensitive = true
}
variable "cyrisma_api_key" { type = string }
variable "cyrisma_api_secret" {
  type      = string
  sensitive = true
}
variable "synerise_api_key" {
  type      = string
  sensitive = true
}
