# Onboards one enterprise customer on Cryptr: its organization, SSO,
# directory sync, login methods, IT admin, first users, webhook and
# redirect URI. Environment-scoped objects (directory sync, users, webhook,
# redirect URI) live in the environment of the provider's API key.
terraform {
  required_providers {
    tenant = {
      source = "tenantops/tenant"
    }
  }
}

resource "tenant_cryptr_organization" "this" {
  name                  = var.name
  allowed_email_domains = var.email_domains
}

locals {
  domain = tenant_cryptr_organization.this.domain
}

resource "tenant_cryptr_sso_connection" "this" {
  organization_domain             = local.domain
  provider_type                   = var.idp_provider_type
  users_access_policy             = "only_registered_users"
  number_users_provisioning_limit = 1000
  metadata_xml                    = var.idp_metadata_xml
}

resource "tenant_cryptr_directory_sync" "this" {
  organization_domain = local.domain
}

resource "tenant_cryptr_password_connection" "this" {
  organization_domain   = local.domain
  plain_text_min_length = 12
  plain_text_max_length = 128
}

resource "tenant_cryptr_magic_link_connection" "this" {
  organization_domain = local.domain
  active              = true
}

resource "tenant_cryptr_totp_connection" "this" {
  organization_domain = local.domain
  active              = true
  method              = "totp_mobile_app"
}

resource "tenant_cryptr_admin" "it" {
  organization_domain = local.domain
  email               = var.it_admin_email
}

resource "tenant_cryptr_user" "this" {
  for_each            = var.users
  organization_domain = local.domain
  email               = each.key
  profile = {
    given_name  = each.value.given_name
    family_name = each.value.family_name
  }
  metadata = each.value.metadata
}

resource "tenant_cryptr_webhook" "directory" {
  name        = "${var.name} directory sync"
  target_url  = var.webhook_url
  event_codes = ["dir_sync.all"]
}

resource "tenant_cryptr_redirect_uri" "app" {
  uri = var.app_callback_url
}
