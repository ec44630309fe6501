resource "tenant_cryptr_organization" "acme" {
  name = "Acme Industries"
}

resource "tenant_cryptr_password_connection" "acme" {
  organization_domain    = tenant_cryptr_organization.acme.domain
  plain_text_min_length  = 12
  plain_text_max_length  = 64
  pepper_rotation_period = 86400

  # Optional: a custom "forgot password" email template.
  # forgot_password_template_id = "b653df01-b571-48c3-a630-6f1fddf5af31"
}
