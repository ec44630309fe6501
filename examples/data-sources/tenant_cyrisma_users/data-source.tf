# The partner's root organization (the MSP itself).
data "tenant_cyrisma_instances" "root" {
  parent_id = ""
}

# The users of the MSP organization, disabled ones included.
data "tenant_cyrisma_users" "msp" {
  instance_id = data.tenant_cyrisma_instances.root.instances[0].id
}

output "disabled_usernames" {
  value = [for u in data.tenant_cyrisma_users.msp.users : u.username if !u.enabled]
}
