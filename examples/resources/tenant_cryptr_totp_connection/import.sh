# A TOTP connection is imported by its organization's domain.
terraform import tenant_cryptr_totp_connection.acme acme-industries
