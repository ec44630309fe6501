package cyrisma

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	"github.com/tenantops/terraform-provider-tenant/internal/provider/fwkit"
)

func TestUserModelOf(t *testing.T) {
	t.Parallel()
	m := userModelOf(&cyrisma.User{ID: "u1", Username: "ann@acme.example", FirstName: "Ann", LastName: "Lee", Enabled: "0", InstanceID: "i1"})
	want := userModel{
		ID: types.StringValue("u1"), InstanceID: types.StringValue("i1"), Username: types.StringValue("ann@acme.example"),
		FirstName: types.StringValue("Ann"), LastName: types.StringValue("Lee"), Enabled: types.BoolValue(false),
	}
	if m != want {
		t.Fatalf("userModelOf = %+v, want %+v", m, want)
	}
	if in := m.createInput(); in != (cyrisma.CreateUserInput{InstanceID: "i1", Username: "ann@acme.example", FirstName: "Ann", LastName: "Lee"}) {
		t.Fatalf("createInput = %+v", in)
	}
	for value, ok := range map[string]bool{"ann@acme.example": true, "a.b+c@sub.example.co": true, "ann": false, "ann@acme": false, "ann @acme.example": false, "@acme.example": false} {
		if fwkit.EmailPattern.MatchString(value) != ok {
			t.Errorf("fwkit.EmailPattern.MatchString(%q) = %t, want %t", value, !ok, ok)
		}
	}
}

func TestEnabledAgain(t *testing.T) {
	t.Parallel()
	obj := tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}
	present, absent := tftypes.NewValue(obj, map[string]tftypes.Value{}), tftypes.NewValue(obj, nil)
	for _, tt := range []struct {
		name         string
		state, plan  tftypes.Value
		stateValue   types.Bool
		wantPlan     types.Bool
		wantReplaced bool
	}{
		{"create: a new user is enabled", absent, present, types.BoolNull(), types.BoolValue(true), false},
		{"enabled user kept", present, present, types.BoolValue(true), types.BoolValue(true), false},
		{"disabled out of band: planned back to enabled, replaced", present, present, types.BoolValue(false), types.BoolValue(true), true},
		{"destroy", present, absent, types.BoolValue(true), types.BoolUnknown(), false},
	} {
		req := planmodifier.BoolRequest{
			State: tfsdk.State{Raw: tt.state}, Plan: tfsdk.Plan{Raw: tt.plan},
			StateValue: tt.stateValue, PlanValue: types.BoolUnknown(),
		}
		resp := planmodifier.BoolResponse{PlanValue: req.PlanValue}
		enabledAgain().PlanModifyBool(context.Background(), req, &resp)
		if !resp.PlanValue.Equal(tt.wantPlan) || resp.RequiresReplace != tt.wantReplaced {
			t.Errorf("%s: plan %s, replace %t; want %s, %t", tt.name, resp.PlanValue, resp.RequiresReplace, tt.wantPlan, tt.wantReplaced)
		}
	}
}

// userHarness is a UserResource wired to a fresh emulator.
type userHarness struct {
	ctx    context.Context
	api    *cyrisma.Client
	res    *UserResource
	schema resource.SchemaResponse
	ts     *emulator.TestServer
}

func newUserHarness(t *testing.T) *userHarness {
	t.Helper()
	ts := emulator.StartTestServer(emulator.Options{CyrismaProvisioningDelay: 50 * time.Millisecond})
	t.Cleanup(ts.Close)
	env := ts.Env()
	api := cyrisma.New(cyrisma.Config{APIURL: env["CYRISMA_API_URL"], APIKey: env["CYRISMA_API_KEY"], APISecret: env["CYRISMA_API_SECRET"]},
		httpclient.Config{Timeout: 5 * time.Second})
	h := &userHarness{ctx: context.Background(), api: api, ts: ts}
	h.res = &UserResource{fwkit.ResourceBase{TypeSuffix: "cyrisma_user", Data: &fwkit.ProviderData{
		Cyrisma: fwkit.NewLazyClient("Cyrisma", func() (any, error) { return api, nil }),
	}}}
	h.res.Schema(h.ctx, resource.SchemaRequest{}, &h.schema)
	return h
}

// state returns a state holding m.
func (h *userHarness) state(t *testing.T, m userModel) tfsdk.State {
	t.Helper()
	st := tfsdk.State{Schema: h.schema.Schema, Raw: tftypes.NewValue(h.schema.Schema.Type().TerraformType(h.ctx), nil)}
	if diags := st.Set(h.ctx, &m); diags.HasError() {
		t.Fatal(diags)
	}
	return st
}

func userOnlyAttributeError(diags diag.Diagnostics, p path.Path) bool {
	if diags.ErrorsCount() != 1 {
		return false
	}
	withPath, ok := diags.Errors()[0].(diag.DiagnosticWithPath)
	return ok && withPath.Path().Equal(p)
}

// TestUserCreateAPIErrorOnInstanceID: the API's 400 for a customer
// instance (when the plan-time check could not run) names instance_id.
func TestUserCreateAPIErrorOnInstanceID(t *testing.T) {
	t.Parallel()
	h := newUserHarness(t)
	root := h.ts.Server.Fixtures().CyrismaRootInstanceID
	created, err := h.api.CreateInstance(h.ctx, cyrisma.CreateInstanceInput{
		InstanceType: "standard", ParentInstanceID: root, Name: "Initech", ShortName: "Initech", Country: "US", Email: "it@initech.example",
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.api.WaitInstanceReadable(h.ctx, created.InstanceID, 10*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	planned := h.state(t, userModel{
		ID: types.StringUnknown(), InstanceID: types.StringValue(created.InstanceID), Username: types.StringValue("ann@initech.example"),
		FirstName: types.StringValue("Ann"), LastName: types.StringValue("Lee"), Enabled: types.BoolValue(true),
	})
	resp := resource.CreateResponse{State: tfsdk.State{Schema: h.schema.Schema, Raw: tftypes.NewValue(h.schema.Schema.Type().TerraformType(h.ctx), nil)}}
	h.res.Create(h.ctx, resource.CreateRequest{Plan: tfsdk.Plan(planned)}, &resp)
	if !userOnlyAttributeError(resp.Diagnostics, path.Root("instance_id")) {
		t.Fatalf("diagnostics %v, want one error on instance_id", resp.Diagnostics)
	}
	if !resp.State.Raw.IsNull() {
		t.Fatal("a failed create saved a state")
	}
}

// TestUserReadAndDeleteOfUnknownUser: an unknown user is removed from the
// state by Read, and counts as destroyed for Delete.
func TestUserReadAndDeleteOfUnknownUser(t *testing.T) {
	t.Parallel()
	h := newUserHarness(t)
	gone := h.state(t, userModel{
		ID: types.StringValue("00000000-0000-4000-8000-000000000000"), InstanceID: types.StringValue(h.ts.Server.Fixtures().CyrismaRootInstanceID),
		Username: types.StringValue("ann@acme.example"), FirstName: types.StringValue("Ann"), LastName: types.StringValue("Lee"), Enabled: types.BoolValue(true),
	})
	readResp := resource.ReadResponse{State: gone}
	h.res.Read(h.ctx, resource.ReadRequest{State: gone}, &readResp)
	if readResp.Diagnostics.HasError() || readResp.Diagnostics.WarningsCount() != 1 || !readResp.State.Raw.IsNull() {
		t.Fatalf("Read of an unknown user: %v, state null %t; want a warning and no state", readResp.Diagnostics, readResp.State.Raw.IsNull())
	}
	var deleteResp resource.DeleteResponse
	h.res.Delete(h.ctx, resource.DeleteRequest{State: gone}, &deleteResp)
	if deleteResp.Diagnostics.HasError() {
		t.Fatalf("Delete of an unknown user: %v", deleteResp.Diagnostics)
	}
	if n := h.ts.Server.RequestCounts().Routes["PATCH /app/partner/users/disable"]; n != 0 {
		t.Fatalf("%d disable requests for an unknown user, want 0", n)
	}
}
