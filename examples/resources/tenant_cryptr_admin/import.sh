# An admin is imported by its organization's domain and its email.
terraform import tenant_cryptr_admin.it acme-industries/it-team@acme.com
