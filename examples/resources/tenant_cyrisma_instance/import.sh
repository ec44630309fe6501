# An instance is imported by its ID.
terraform import tenant_cyrisma_instance.contoso 9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d
