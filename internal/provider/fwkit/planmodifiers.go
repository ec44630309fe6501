package fwkit

import (
	"context"
	"strings"

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

// IgnoreCase keeps the state's value when the configuration differs from it
// only in letter case (email addresses), so that neither a diff nor a
// replacement is planned for a spelling the API treats as the same.
func IgnoreCase() planmodifier.String { return ignoreCase{} }

type ignoreCase struct{}

func (ignoreCase) Description(context.Context) string {
	return "A value that differs from the current one only in letter case is not a change."
}

func (m ignoreCase) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (ignoreCase) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if req.PlanValue.ValueString() != req.StateValue.ValueString() && strings.EqualFold(req.PlanValue.ValueString(), req.StateValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}
