# A password connection is imported by its organization's domain.
terraform import tenant_cryptr_password_connection.acme acme-industries
