# A user is imported by its organization's domain and its id, with the
# provider configured with an API key of the user's environment.
terraform import tenant_cryptr_user.jane acme-industries/d6a46443-c7bc-4259-aa5d-ce51cc548b57
