# The partner's root organization, and the customer instances under it.
data "tenant_cyrisma_instances" "root" {
  parent_id = ""
}

data "tenant_cyrisma_instances" "customers" {
  parent_id     = data.tenant_cyrisma_instances.root.instances[0].id
  instance_type = "standard"
}
