# A directory sync is imported by its organization's domain, in the environment
# of the provider's API key. Its SCIM token cannot be read back: it is null after
# the import; set token_rotation to get a new one.
terraform import tenant_cryptr_directory_sync.acme_sandbox acme-industries
