package fwkit

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// RequiresReplaceOnceKnown forces a replacement when a create-only value
// changes, but not when the state has no value for it yet. That is the case
// after an import of an object whose API answers do not report the
// attribute: the configured value is then recorded without a replacement.
func RequiresReplaceOnceKnown() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull()
		},
		"Changing the value replaces the object, unless the state has no value for it yet (after an import).",
		"Changing the value replaces the object, unless the state has no value for it yet (after an import).",
	)
}
