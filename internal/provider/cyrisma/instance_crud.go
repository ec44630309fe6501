package cyrisma

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// neverRead reports whether the instance was saved right after its
// provisioning request and never read since: its configured name is known
// but its url, which only the API reports, is not (an import knows neither). The
// API answers the same empty list for an instance being provisioned as for
// an unknown one, so Read must not take such an instance for gone, and
// Delete must wait for it before suspending it.
func (m *instanceModel) neverRead() bool { return m.URL.IsNull() && !m.Name.IsNull() }

// defaultDeleteTimeout bounds the wait, before suspending, for an instance
// that is still being provisioned.
const defaultDeleteTimeout = 15 * time.Minute

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
	if fwkit.HandleExisting(ctx, r, &r.ResourceBase, err, func(i *cyrisma.CreatedInstance) string { return i.InstanceID }, req, resp) {
		return
	}
	if err != nil {
		fwkit.AddAPIError(&resp.Diagnostics, "Could not provision the Cyrisma instance", err, instanceFields)
		return
	}
	// Save the ID at once (with url still null: see neverRead): a failure
	// from here on taints the instance instead of orphaning it.
	partial := plan
	partial.ID, partial.AgentKey = types.StringValue(created.InstanceID), types.StringValue(created.AgentKey)
	partial.URL, partial.Hierarchy, partial.NumberOfEndpoints = types.StringNull(), types.StringNull(), types.Int64Null()
	if partial.TenantID.IsUnknown() {
		partial.TenantID = types.StringNull()
	}
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
		inst = nil // read it again to report the suspension
	}
	r.refresh(ctx, api, created.InstanceID, &plan, &resp.Diagnostics, inst)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// refresh reads the instance into m; known, when not nil, is used instead
// of a new read.
func (r *InstanceResource) refresh(ctx context.Context, api *cyrisma.Client, id string, m *instanceModel, diags *diag.Diagnostics, known *cyrisma.Instance) {
	inst := known
	if inst == nil {
		var err error
		if inst, err = api.GetInstance(ctx, id); err != nil {
			diags.AddError("Could not read the Cyrisma instance", err.Error())
			return
		}
	}
	m.applyInstance(inst)
}

// Read refreshes the instance. One that cannot be found any more is removed
// from the state, unless it is still being provisioned.
func (r *InstanceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state instanceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	inst, err := api.GetInstance(ctx, id)
	if err != nil {
		if state.neverRead() && httpclient.IsNotFound(err) {
			resp.Diagnostics.AddWarning("Cyrisma instance still provisioning",
				fmt.Sprintf("Instance %s cannot be read yet: Cyrisma is still provisioning it. It stays in the state; the next apply replaces it if it was tainted.", id))
			return
		}
		if !fwkit.RemoveIfGone(ctx, err, fmt.Sprintf("Cyrisma instance %s", id), resp) {
			resp.Diagnostics.AddError("Could not read the Cyrisma instance", err.Error())
		}
		return
	}
	state.applyInstance(inst)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update reactivates, converts, changes the MFA method and suspends, as
// planned, in that order, so that a suspended instance is active again
// before it is changed and is changed before it is suspended.
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
		{!plan.Suspended.ValueBool() && state.Suspended.ValueBool(), "reactivate", func() error { return api.ReactivateInstance(ctx, id) }},
		{plan.Managed.ValueBool() && !state.Managed.ValueBool(), "convert to managed", func() error { return api.ConvertInstance(ctx, id) }},
		{plan.MFAMethod.ValueString() != state.MFAMethod.ValueString(), "set the MFA method of", func() error { return api.SetInstanceMFA(ctx, id, mfaMethods[plan.MFAMethod.ValueString()]) }},
		{plan.Suspended.ValueBool() && !state.Suspended.ValueBool(), "suspend", func() error { return api.SuspendInstance(ctx, id) }},
	}
	for _, step := range steps {
		if !step.needed {
			continue
		}
		if err := step.run(); err != nil {
			fwkit.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Could not %s Cyrisma instance %s", step.what, id), err, instanceFields)
			// Record what the steps before this one changed, not the plan.
			r.refresh(ctx, api, id, &state, &resp.Diagnostics, nil)
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
	}
	r.refresh(ctx, api, id, &plan, &resp.Diagnostics, nil)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete suspends the instance: the API has no delete. An instance still
// being provisioned is waited for first, since it cannot be suspended yet.
func (r *InstanceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state instanceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(r.Data)
	resp.Diagnostics.Append(diags...)
	deleteTimeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if state.neverRead() {
		waitCtx, cancel := context.WithTimeout(ctx, deleteTimeout)
		defer cancel()
		if _, err := api.WaitInstanceReadable(waitCtx, id, fwkit.PollInterval); err != nil {
			resp.Diagnostics.AddError("Cyrisma instance still provisioning", fwkit.DeleteWaitError(fmt.Sprintf("Provisioning of instance %s, which must finish before it can be suspended,", id), deleteTimeout, err))
			return
		}
	}
	err := api.SuspendInstance(ctx, id)
	if err == nil {
		fwkit.WarnNotDeleted(&resp.Diagnostics, fwkit.NotDeleted{
			Kind: "Cyrisma instance", Done: "suspended", Object: fmt.Sprintf("instance %s (%q)", id, state.Name.ValueString()),
			Why: "the Cyrisma API has no call to delete or decommission an instance",
			Remains: "It remains at Cyrisma, suspended: it keeps running, is no longer listed in the structure (nor by tenant_cyrisma_instances), " +
				"and access to it and to everything under it is blocked. Only Cyrisma support can decommission it.",
		})
	}
	if err := fwkit.IgnoreGone(err); err != nil {
		resp.Diagnostics.AddError("Could not suspend the Cyrisma instance", err.Error())
	}
}
