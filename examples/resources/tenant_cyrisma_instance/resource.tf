# A trial customer instance under an MSP organization, converted to managed
# later by setting managed = true. The address (and tenant_id) are sent only
# when the instance is provisioned.
resource "tenant_cyrisma_instance" "contoso" {
  parent_instance_id = "0b6e4f7a-3c2d-4e1f-8a9b-7c6d5e4f3a21"
  instance_type      = "standard"
  name               = "Contoso Ltd"
  short_name         = "Contoso"
  country            = "US"
  email              = "it@contoso.example"
  street             = "1 Contoso Way"
  city               = "Redmond"
  state              = "WA"
  postal             = "98052"
  managed            = false
  suspended          = false
  mfa_method         = "authenticator"
}
