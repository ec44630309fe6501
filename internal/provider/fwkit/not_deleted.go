package fwkit

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// NotDeleted describes a destroy that could not delete its object, because
// the vendor's API cannot, and did the closest thing it allows.
type NotDeleted struct {
	// Kind names the kind of object, such as "Cyrisma instance".
	Kind string
	// Object names the object, such as `instance 9a1c… ("Contoso Ltd")`
	// or `the SSO connection of organization "acme"`.
	Object string
	// Done is what destroy did instead, as a past participle, such as
	// "suspended" or "reset to Cryptr's defaults".
	Done string
	// Why says why it could not delete it, such as "the Cyrisma API has no
	// call to delete an instance".
	Why string
	// Remains says, in full sentences, what stays at the vendor.
	Remains string
}

// WarnNotDeleted adds the warning of a destroy that did not delete its
// object: what destroy did, and what remains at the vendor. Delete calls it
// once its API call has succeeded (not for an object already gone).
func WarnNotDeleted(diags *diag.Diagnostics, n NotDeleted) {
	diags.AddWarning(fmt.Sprintf("%s %s, not deleted", n.Kind, n.Done),
		fmt.Sprintf("Destroy %s %s instead of deleting it: %s. %s\n\n"+
			"Terraform no longer manages it. The provider's \"Destroy behaviour\" guide says how to manage it again.",
			n.Done, n.Object, n.Why, n.Remains))
}
