# A redirect URI is imported by its id, with a provider whose API key
# belongs to the URI's environment.
terraform import tenant_cryptr_redirect_uri.app 8d814d02-35d8-48a9-a033-291fd5959a0c
