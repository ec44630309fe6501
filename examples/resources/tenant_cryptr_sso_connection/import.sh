# An SSO connection is imported by the domain of its organization.
terraform import tenant_cryptr_sso_connection.acme acme-industries
