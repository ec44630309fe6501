package cryptr

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

// orgSettings is the CRUD of a settings object that an organization has
// one of and that the API cannot delete: the magic-link and TOTP
// connections use all of it (create adopts, destroy restores the documented
// defaults); the password and SSO connections reuse its read and update.
// M is the model, A the API object and I the API input.
type orgSettings[M, A, I any] struct {
	// what names the object in diagnostics, such as "TOTP connection".
	what     string
	get      func(*cryptr.Client, context.Context, string) (*A, error)
	put      func(*cryptr.Client, context.Context, string, I) (*A, error)
	expand   func(M) I
	flatten  func(domain string, api *A) M
	domain   func(M) string
	defaults I
	fields   fwkit.FieldPaths
}

func (o orgSettings[M, A, I]) create(ctx context.Context, data *fwkit.ProviderData, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	o.write(ctx, data, plan, "Could not create the Cryptr "+o.what, &resp.State, &resp.Diagnostics)
}

func (o orgSettings[M, A, I]) read(ctx context.Context, data *fwkit.ProviderData, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := o.domain(state)
	current, err := o.get(api, ctx, domain)
	if err != nil {
		if !fwkit.RemoveIfGone(ctx, err, connGone(o.what, domain), resp) {
			resp.Diagnostics.AddError("Could not read the Cryptr "+o.what, err.Error())
		}
		return
	}
	model := o.flatten(domain, current)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

func (o orgSettings[M, A, I]) update(ctx context.Context, data *fwkit.ProviderData, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	o.write(ctx, data, plan, "Could not update the Cryptr "+o.what, &resp.State, &resp.Diagnostics)
}

// delete restores the defaults: the API cannot delete the object. It
// returns the organization's domain, and whether the object was reset (not
// when it failed, nor when the organization is gone), for the resource's
// warning that the object remains.
func (o orgSettings[M, A, I]) delete(ctx context.Context, data *fwkit.ProviderData, req resource.DeleteRequest, resp *resource.DeleteResponse) (domain string, reset bool) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	api, diags := client(data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return "", false
	}
	domain = o.domain(state)
	_, err := o.put(api, ctx, domain, o.defaults)
	if fwkit.IgnoreGone(err) != nil {
		resp.Diagnostics.AddError("Could not reset the Cryptr "+o.what, err.Error())
	}
	return domain, err == nil
}

// write sets the object to plan and records the answer in state.
func (o orgSettings[M, A, I]) write(ctx context.Context, data *fwkit.ProviderData, plan M, summary string, state *tfsdk.State, diags *diag.Diagnostics) {
	api, d := client(data)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	domain := o.domain(plan)
	written, err := o.put(api, ctx, domain, o.expand(plan))
	if err != nil {
		fwkit.AddAPIError(diags, summary, err, o.fields)
		return
	}
	model := o.flatten(domain, written)
	diags.Append(state.Set(ctx, &model)...)
}
