# An MSP's whole Cyrisma tree as code: an organization under the partner's
# root, two regional sub-organizations, three customer instances (one trial
# converted to managed, one suspended) and two portal users. MFA by
# authenticator app is required on the organization.
#
# The provider reads its settings from the CYRISMA_* environment variables
# (`make demo` style runs point them at the emulator).
terraform {
  required_version = ">= 1.11"
  required_providers {
    tenant = {
      source = "tenantops/tenant"
    }
  }
}

provider "tenant" {}

variable "contoso_trial_over" {
  description = "Contoso starts as a trial: apply with false first, then with true to convert it to a managed instance in place (one way)."
  type        = bool
  default     = true
}

# The partner's root organization (the MSP account itself).
data "tenant_cyrisma_instances" "partner" {
  parent_id = ""
}

locals {
  partner_root_id = data.tenant_cyrisma_instances.partner.instances[0].id
}

resource "tenant_cyrisma_instance" "msp" {
  parent_instance_id = local.partner_root_id
  instance_type      = "organization"
  name               = "Northwind Managed Security"
  short_name         = "Northwind"
  country            = "US"
  email              = "soc@northwind.example"
  mfa_method         = "authenticator"
}

resource "tenant_cyrisma_instance" "east" {
  parent_instance_id = tenant_cyrisma_instance.msp.id
  instance_type      = "organization"
  name               = "Northwind East"
  short_name         = "NW East"
  country            = "US"
  email              = "east@northwind.example"
}

resource "tenant_cyrisma_instance" "west" {
  parent_instance_id = tenant_cyrisma_instance.msp.id
  instance_type      = "organization"
  name               = "Northwind West"
  short_name         = "NW West"
  country            = "US"
  email              = "west@northwind.example"
}

# A trial customer, converted to managed when var.contoso_trial_over turns true.
resource "tenant_cyrisma_instance" "contoso" {
  parent_instance_id = tenant_cyrisma_instance.east.id
  instance_type      = "standard"
  name               = "Contoso Ltd"
  short_name         = "Contoso"
  country            = "US"
  email              = "it@contoso.example"
  managed            = var.contoso_trial_over
}

# A managed customer with its address and MDR tenant, and email MFA.
resource "tenant_cyrisma_instance" "fabrikam" {
  parent_instance_id = tenant_cyrisma_instance.east.id
  instance_type      = "standard"
  name               = "Fabrikam Inc"
  short_name         = "Fabrikam"
  country            = "US"
  email              = "it@fabrikam.example"
  tenant_id          = "mdr-fabrikam-01"
  street             = "1 Fabrikam Way"
  city               = "Boston"
  state              = "MA"
  postal             = "02110"
  mfa_method         = "email"
}

# A customer whose access is suspended (unpaid invoices); it keeps running.
resource "tenant_cyrisma_instance" "tailspin" {
  parent_instance_id = tenant_cyrisma_instance.west.id
  instance_type      = "standard"
  name               = "Tailspin Toys"
  short_name         = "Tailspin"
  country            = "US"
  email              = "it@tailspin.example"
  suspended          = true
}

# Portal users belong to organizations and reach everything under them.
resource "tenant_cyrisma_user" "soc_lead" {
  instance_id = tenant_cyrisma_instance.msp.id
  username    = "jane.doe@northwind.example"
  first_name  = "Jane"
  last_name   = "Doe"
}

resource "tenant_cyrisma_user" "east_engineer" {
  instance_id = tenant_cyrisma_instance.east.id
  username    = "john.roe@northwind.example"
  first_name  = "John"
  last_name   = "Roe"
}

output "agent_keys" {
  description = "Keys that endpoint agents use to enroll, per customer instance."
  sensitive   = true
  value = {
    contoso  = tenant_cyrisma_instance.contoso.agent_key
    fabrikam = tenant_cyrisma_instance.fabrikam.agent_key
    tailspin = tenant_cyrisma_instance.tailspin.agent_key
  }
}

output "urls" {
  description = "Host names of the customer instances."
  value = {
    contoso  = tenant_cyrisma_instance.contoso.url
    fabrikam = tenant_cyrisma_instance.fabrikam.url
    tailspin = tenant_cyrisma_instance.tailspin.url
  }
}
