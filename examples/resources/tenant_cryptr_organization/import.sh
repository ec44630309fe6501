# An organization is imported by its domain.
terraform import tenant_cryptr_organization.acme acme-industries
