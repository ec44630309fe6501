variable "name" {
  description = "Customer (organization) name; Cryptr derives the organization's domain from it."
  type        = string
}

variable "email_domains" {
  description = "Email domains of the customer's employees."
  type        = set(string)
}

variable "it_admin_email" {
  description = "The customer's IT contact, invited to finish the SSO and directory-sync set-up."
  type        = string
}

variable "idp_provider_type" {
  description = "SSO provider type, such as saml.okta or saml.azure_ad."
  type        = string
  default     = "saml.okta"
}

variable "idp_metadata_xml" {
  description = "SAML metadata of the customer's identity provider, when already known."
  type        = string
  default     = null
}

variable "users" {
  description = "Users to create before the first SSO login, by email."
  type = map(object({
    given_name  = string
    family_name = string
    metadata    = optional(map(string), {})
  }))
  default = {}
}

variable "webhook_url" {
  description = "Where Cryptr posts this customer's directory-sync events."
  type        = string
}

variable "app_callback_url" {
  description = "The customer's application callback (redirect URI)."
  type        = string
}
