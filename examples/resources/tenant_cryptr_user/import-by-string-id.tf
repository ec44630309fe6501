import {
  to = tenant_cryptr_user.jane
  id = "acme-industries/d6a46443-c7bc-4259-aa5d-ce51cc548b57"
}
