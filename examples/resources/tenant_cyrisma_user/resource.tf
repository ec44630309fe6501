# The partner's root organization (the MSP itself).
data "tenant_cyrisma_instances" "root" {
  parent_id = ""
}

# A portal user of the MSP organization. Users belong to organizations, not
# to customer (standard) instances, and reach every instance under theirs;
# they set their password through the self-service password reset.
# Changing any argument replaces the user, and destroying the resource
# disables the user: Cyrisma has no update or delete call for users.
resource "tenant_cyrisma_user" "jane" {
  instance_id = data.tenant_cyrisma_instances.root.instances[0].id
  username    = "jane.doe@msp.example"
  first_name  = "Jane"
  last_name   = "Doe"
}
