# A magic-link connection is imported by its organization's domain.
terraform import tenant_cryptr_magic_link_connection.acme acme-industries
