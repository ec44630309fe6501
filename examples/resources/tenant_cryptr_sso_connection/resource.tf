resource "tenant_cryptr_organization" "acme" {
  name                  = "Acme Industries"
  allowed_email_domains = ["acme.com"]
}

# The customer's SAML connection. Destroy only deactivates it: Cryptr has no
# delete for SSO connections.
resource "tenant_cryptr_sso_connection" "acme" {
  organization_domain             = tenant_cryptr_organization.acme.domain
  provider_type                   = "saml.okta" # cannot change later
  users_access_policy             = "only_registered_users"
  number_users_provisioning_limit = 500

  # The metadata XML the customer's IT team downloads from its identity
  # provider; file("acme-okta-metadata.xml") works too. Checked to be
  # well-formed XML at plan time.
  metadata_xml = <<-XML
    <?xml version="1.0" encoding="UTF-8"?>
    <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk1acme">
      <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
        <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://acme.okta.com/app/exk1acme/sso/saml"/>
      </md:IDPSSODescriptor>
    </md:EntityDescriptor>
  XML
}

# What to give the customer's IT team to configure the identity provider.
output "acme_saml_settings" {
  value = {
    entity_id    = tenant_cryptr_sso_connection.acme.entity_id
    acs_url      = tenant_cryptr_sso_connection.acme.acs_url
    metadata_url = tenant_cryptr_sso_connection.acme.metadata_url
  }
}
