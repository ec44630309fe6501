package cryptr

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

const ssoMetadata = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"/>`

func TestSSOConnectionLifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.CreateOrganization(ctx, OrganizationInput{Name: "Barker Inc"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetSSOConnection(ctx, "barker-inc"); !httpclient.IsNotFound(err) {
		t.Fatalf("get before create: %v, want not found", err)
	}
	limit := int64(99)
	created, err := c.CreateSSOConnection(ctx, "barker-inc", SSOConnectionInput{
		ProviderType: "saml.okta", Active: true, NumberUsersProvisioningLimit: &limit,
		UsersAccessPolicy: "only_registered_users", Metadata: ssoMetadata,
	}, nil)
	if err != nil {
		t.Fatalf("CreateSSOConnection: %v", err)
	}
	if created.ProviderType != "saml.okta" || !created.Active || created.NumberUsersProvisioningLimit == nil || *created.NumberUsersProvisioningLimit != 99 ||
		created.UsersAccessPolicy != "only_registered_users" || created.SAMLConfig.SSOProviderMetadata != ssoMetadata ||
		created.OrganizationDomain != "barker-inc" || created.ID == "" || created.SPID == "" || created.SAMLConfig.EntityID != created.SPID ||
		created.SAMLConfig.ACSURL == "" || created.SAMLConfig.CryptrMetadataURL == "" || created.InsertedAt == "" {
		t.Fatalf("created %+v", created)
	}
	if routeCount(ts, "PUT /api/v2/org/{domain}/sso-connection") != 1 {
		t.Fatal("the metadata should be set by one update after the create")
	}
	_, err = c.CreateSSOConnection(ctx, "barker-inc", SSOConnectionInput{Active: true}, nil)
	if !httpclient.HasStatus(err, http.StatusConflict) {
		t.Fatalf("second create: %v, want 409", err)
	}

	// A full update clears what the input leaves out.
	updated, err := c.UpdateSSOConnection(ctx, "barker-inc", SSOConnectionInput{ProviderType: "saml.adfs", Active: true, UsersAccessPolicy: "provision_new_users"})
	if err != nil {
		t.Fatalf("UpdateSSOConnection: %v", err)
	}
	if updated.NumberUsersProvisioningLimit != nil || updated.SAMLConfig.SSOProviderMetadata != "" || updated.ProviderType != "saml.okta" || updated.ID != created.ID {
		t.Fatalf("updated %+v", updated)
	}
	off, err := c.SetSSOConnectionActive(ctx, "barker-inc", false)
	if err != nil || off.Active || off.UsersAccessPolicy != "provision_new_users" {
		t.Fatalf("SetSSOConnectionActive: %+v, %v", off, err)
	}
	got, err := c.GetSSOConnection(ctx, "barker-inc")
	if err != nil || got.Active || got.ID != created.ID {
		t.Fatalf("GetSSOConnection: %+v, %v", got, err)
	}

	// Field errors name the API field.
	zero := int64(0)
	_, err = c.UpdateSSOConnection(ctx, "barker-inc", SSOConnectionInput{NumberUsersProvisioningLimit: &zero, Metadata: "<a>"})
	apiErr, ok := httpclient.AsAPIError(err)
	if !ok || apiErr.StatusCode != 422 || fmt.Sprint(apiErr.Fields()) != "[metadata number_users_provisioning_limit]" {
		t.Fatalf("invalid update: %v", err)
	}
}

func TestSSOConnectionListAllPages(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	want := map[string]bool{}
	for i := range 7 {
		org, err := c.CreateOrganization(ctx, OrganizationInput{Name: fmt.Sprintf("Org %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.CreateSSOConnection(ctx, org.Domain, SSOConnectionInput{Active: true}, nil); err != nil {
			t.Fatal(err)
		}
		want[org.Domain] = true
	}
	before := routeCount(ts, "GET /api/v2/sso-connections")
	all, err := c.ListSSOConnections(ctx, 3)
	if err != nil {
		t.Fatalf("ListSSOConnections: %v", err)
	}
	if n := routeCount(ts, "GET /api/v2/sso-connections") - before; n != 3 {
		t.Fatalf("%d pages read, want 3", n)
	}
	got := map[string]bool{}
	for _, s := range all {
		got[s.OrganizationDomain] = true
	}
	if !reflect.DeepEqual(got, want) || len(all) != 7 {
		t.Fatalf("listed %v, want %v", got, want)
	}
}

func TestSSOConnectionWireFormat(t *testing.T) {
	t.Parallel()
	limit := int64(5)
	in := SSOConnectionInput{ProviderType: "saml.okta", Active: false, NumberUsersProvisioningLimit: &limit, UsersAccessPolicy: "provision_new_users", Metadata: "<x/>"}
	if got, want := in.createForm(), (url.Values{"provider_type": {"saml.okta"}, "active": {"false"}, "number_users_provisioning_limit": {"5"}, "users_access_policy": {"provision_new_users"}}); !reflect.DeepEqual(got, want) {
		t.Errorf("createForm = %v, want %v", got, want)
	}
	if got, want := (SSOConnectionInput{Active: true}).updateForm(), (url.Values{"active": {"true"}, "metadata": {""}, "number_users_provisioning_limit": {""}}); !reflect.DeepEqual(got, want) {
		t.Errorf("updateForm = %v, want %v", got, want)
	}
	// The Kotlin SDK's field names and a bare organization id are read too.
	var s SSOConnection
	raw := `{"id":"a_1","organization":"acme","number_user_provisioning_limit":3,"users_provisioning_on_first_login":"only_registered_users","saml_config":{"sso_provider_metadata":null}}`
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	if s.OrganizationDomain != "acme" || s.NumberUsersProvisioningLimit == nil || *s.NumberUsersProvisioningLimit != 3 || s.UsersAccessPolicy != "only_registered_users" {
		t.Fatalf("decoded %+v", s)
	}
}
