package cryptr

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
)

func TestUserMetadataChanges(t *testing.T) {
	have := map[string]string{"uid": "1", "team": "blue", "gone": "x"}
	want := map[string]string{"uid": "1", "team": "green", "new": "y"}
	set, remove := metadataChanges(have, want)
	if !reflect.DeepEqual(set, [][2]string{{"new", "y"}, {"team", "green"}}) || !reflect.DeepEqual(remove, []string{"gone"}) {
		t.Fatalf("set %v, remove %v", set, remove)
	}
	if set, remove := metadataChanges(want, want); len(set)+len(remove) != 0 {
		t.Fatalf("no change: set %v, remove %v", set, remove)
	}
}

// TestFlattenUserKeepsNullsStable: a profile, address or metadata the API
// has empty is null unless the prior value was an (empty) object or map.
func TestFlattenUserKeepsNullsStable(t *testing.T) {
	ctx := context.Background()
	u := &cryptr.User{ID: "id", Email: "a@b.co", Metadata: map[string]string{}}
	model, diags := flattenUser(ctx, u, "acme", &userModel{
		Profile: types.ObjectNull(userProfileType.AttrTypes), Address: types.ObjectNull(userAddressType.AttrTypes), Metadata: types.MapNull(types.StringType),
	})
	if diags.HasError() || !model.Profile.IsNull() || !model.Address.IsNull() || !model.Metadata.IsNull() || !model.PhoneNumber.IsNull() {
		t.Fatalf("prior nulls: %+v %v", model, diags)
	}
	emptyProfile, _ := flattenFields(userProfileType, profileFields(&cryptr.UserProfile{}), true)
	model, _ = flattenUser(ctx, u, "acme", &userModel{
		Profile: emptyProfile, Address: types.ObjectNull(userAddressType.AttrTypes), Metadata: types.MapValueMust(types.StringType, map[string]attr.Value{}),
	})
	if model.Profile.IsNull() || !model.Profile.Attributes()["given_name"].IsNull() || model.Metadata.IsNull() || len(model.Metadata.Elements()) != 0 {
		t.Fatalf("prior empty objects: %+v", model)
	}
	// Data sources (no prior) always get objects and a map.
	model, _ = flattenUser(ctx, u, "acme", nil)
	if model.Profile.IsNull() || model.Address.IsNull() || model.Metadata.IsNull() || model.OrganizationDomain.ValueString() != "acme" {
		t.Fatalf("data source: %+v", model)
	}
}

func TestExpandFlattenUserRoundTrip(t *testing.T) {
	ctx := context.Background()
	u := &cryptr.User{ID: "id", Domain: "acme", Email: "a@b.co", PhoneNumber: "+33123456789",
		Profile: cryptr.UserProfile{GivenName: "Lyla", Website: "https://x.example"}, Address: cryptr.UserAddress{Country: "FR"},
		Metadata: map[string]string{"uid": "1"}}
	model, diags := flattenUser(ctx, u, "ignored", &userModel{})
	if diags.HasError() {
		t.Fatal(diags)
	}
	in := expandUser(model)
	want := cryptr.UserInput{Email: u.Email, PhoneNumber: u.PhoneNumber, Profile: u.Profile, Address: u.Address}
	if in != want || model.OrganizationDomain.ValueString() != "acme" || model.Profile.Attributes()["nickname"] != types.StringNull() {
		t.Fatalf("expand(flatten) = %+v, model %+v", in, model)
	}
	meta, _ := expandMetadata(ctx, model.Metadata)
	if !reflect.DeepEqual(meta, u.Metadata) {
		t.Fatalf("metadata = %v", meta)
	}
}

func TestFlattenAdminKeepsEmailSpelling(t *testing.T) {
	a := &cryptr.Admin{ID: "id", Email: "it@barker.co"}
	if got := flattenAdmin(a, "barker", types.StringValue("IT@Barker.co")); got.Email.ValueString() != "IT@Barker.co" || got.OrganizationDomain.ValueString() != "barker" || !got.AcceptedInvitationAt.IsNull() {
		t.Fatalf("flattenAdmin = %+v", got)
	}
	if got := flattenAdmin(a, "barker", types.StringValue("other@barker.co")); got.Email.ValueString() != "it@barker.co" {
		t.Fatalf("flattenAdmin with another prior email = %+v", got)
	}
}
