package fwkit

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// NotKnownError is the error of a provider setting whose value is not known
// until apply (it comes from another resource's attribute): the client
// cannot be built with it, but a plan does not fail because of it.
type NotKnownError struct {
	// Message names the setting and says what to do.
	Message string
}

// Error returns the message.
func (e *NotKnownError) Error() string { return e.Message }

// KnownAtPlan returns the problems of err, a LazyClient's build error
// (several problems are joined with errors.Join), that a plan can tell: all
// but the NotKnownErrors. It returns nil when none is left.
func KnownAtPlan(err error) error {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var kept []error
		for _, e := range joined.Unwrap() {
			if e = KnownAtPlan(e); e != nil {
				kept = append(kept, e)
			}
		}
		return errors.Join(kept...)
	}
	if _, unknown := errors.AsType[*NotKnownError](err); unknown {
		return nil
	}
	return err
}

// Service returns the client of the service a resource type belongs to,
// named by its type name without the provider prefix ("cryptr_organization"
// is Cryptr's), or nil for an unknown service or nil data.
func (d *ProviderData) Service(typeSuffix string) *LazyClient {
	if d == nil {
		return nil
	}
	service, _, _ := strings.Cut(typeSuffix, "_")
	switch service {
	case "cryptr":
		return d.Cryptr
	case "cyrisma":
		return d.Cyrisma
	case "synerise":
		return d.Synerise
	}
	return nil
}

// ModifyPlan fails a plan that would create or change the resource's object
// while settings of its service are missing (see CheckSettingsAtPlan).
// Every resource gets it from ResourceBase; a resource with its own
// ModifyPlan calls it first:
//
//	if r.ResourceBase.ModifyPlan(ctx, req, resp); resp.Diagnostics.HasError() {
//		return
//	}
func (b *ResourceBase) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	CheckSettingsAtPlan(b.Data.Service(b.TypeSuffix), req, &resp.Diagnostics)
}

// CheckSettingsAtPlan adds an error when the plan creates or changes the
// object (a create, an update or a replacement) and the client of its
// service, lazy, cannot be built: the message the apply would give, which
// names every missing setting with its environment variable. Settings whose
// values are not known until apply are no error here. Reads, plans with no
// change and destroys are left alone (a destroy without credentials fails
// at apply, as before). Building the client calls no API.
//
// Terraform and OpenTofu run a normal plan of the configuration before a
// destroy (unless -refresh=false), which plans the creation of objects not
// created yet, and the provider cannot tell that plan from another: the
// error says so.
func CheckSettingsAtPlan(lazy *LazyClient, req resource.ModifyPlanRequest, diags *diag.Diagnostics) {
	if lazy == nil || req.Plan.Raw.IsNull() || (!req.State.Raw.IsNull() && req.Plan.Raw.Equal(req.State.Raw)) {
		return
	}
	_, err := lazy.Get()
	if err = KnownAtPlan(err); err == nil {
		return
	}
	diags.AddError(fmt.Sprintf("%s is not configured", lazy.service),
		fmt.Sprintf("%s\n\nThis plan creates or changes this %s object, which the apply could not do without these settings. "+
			"(terraform destroy plans the configuration too before it destroys: to destroy other objects while these settings are missing, run it with -refresh=false.)",
			err, lazy.service))
}
