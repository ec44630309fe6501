package cyrisma

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// Create provisions the instance, waits until it can be read, and applies a
// planned suspension.
func (r *InstanceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan instanceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	createTimeout, diags := plan.Timeouts.Create(ctx, defaultProvisioningTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := api.CreateInstance(ctx, plan.createInput())
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not provision the Cyrisma instance", err, instanceFields)
		return
	}
	// Save the ID at once: a failure from here on taints instead of orphaning.
	partial := plan
	partial.ID, partial.AgentKey = types.StringValue(created.InstanceID), types.StringValue(created.AgentKey)
	partial.URL, partial.Hierarchy, partial.NumberOfEndpoints = types.StringNull(), types.StringNull(), types.Int64Null()
	resp.Diagnostics.Append(resp.State.Set(ctx, &partial)...)

	waitCtx, cancel := context.WithTimeout(ctx, createTimeout)
	defer cancel()
	inst, err := api.WaitInstanceReadable(waitCtx, created.InstanceID, fwkit.PollInterval)
	if err != nil {
		resp.Diagnostics.AddError("Cyrisma instance not provisioned", fwkit.WaitError(fmt.Sprintf("Provisioning of instance %s", created.InstanceID), createTimeout, err))
		return
	}
	if plan.Suspended.ValueBool() {
		if err := api.SuspendInstance(ctx, created.InstanceID); err != nil {
			resp.Diagnostics.AddError("Could not suspend the new Cyrisma instance", err.Error())
			return
		}
	}
	r.refresh(ctx, api, created.InstanceID, &plan, &resp.Diagnostics, inst)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// refresh reads the instance into m; known, when not nil and still current,
// saves a request.
func (r *InstanceResource) refresh(ctx context.Context, api *cyrisma.Client, id string, m *instanceModel, diags *diag.Diagnostics, known *cyrisma.Instance) {
	inst := known
	if inst == nil || m.Suspended.ValueBool() != inst.Suspended() {
		var err error
		if inst, err = api.GetInstance(ctx, id); err != nil {
			diags.AddError("Could not read the Cyrisma instance", err.Error())
			return
		}
	}
	m.applyInstance(inst)
}

// Read refreshes the instance; one that cannot be found any more is removed
// from the state.
func (r *InstanceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state instanceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	inst, err := api.GetInstance(ctx, state.ID.ValueString())
	if err != nil {
		if !fwkit.RemoveIfGone(ctx, err, fmt.Sprintf("Cyrisma instance %s", state.ID.ValueString()), resp) {
			resp.Diagnostics.AddError("Could not read the Cyrisma instance", err.Error())
		}
		return
	}
	state.applyInstance(inst)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update converts, suspends or reactivates, and changes the MFA method, as planned.
func (r *InstanceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state instanceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	steps := []struct {
		needed bool
		what   string
		run    func() error
	}{
		{plan.Managed.ValueBool() && !state.Managed.ValueBool(), "convert to managed", func() error { return api.ConvertInstance(ctx, id) }},
		{plan.MFAMethod.ValueString() != state.MFAMethod.ValueString(), "set the MFA method", func() error { return api.SetInstanceMFA(ctx, id, mfaMethods[plan.MFAMethod.ValueString()]) }},
		{plan.Suspended.ValueBool() && !state.Suspended.ValueBool(), "suspend", func() error { return api.SuspendInstance(ctx, id) }},
		{!plan.Suspended.ValueBool() && state.Suspended.ValueBool(), "reactivate", func() error { return api.ReactivateInstance(ctx, id) }},
	}
	for _, step := range steps {
		if !step.needed {
			continue
		}
		if err := step.run(); err != nil {
			fwkit.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Could not %s Cyrisma instance %s", step.what, id), err, instanceFields)
			return
		}
	}
	r.refresh(ctx, api, id, &plan, &resp.Diagnostics, nil)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete suspends the instance: the API has no delete.
func (r *InstanceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state instanceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := fwkit.IgnoreGone(api.SuspendInstance(ctx, state.ID.ValueString())); err != nil {
		resp.Diagnostics.AddError("Could not suspend the Cyrisma instance", err.Error())
	}
}
