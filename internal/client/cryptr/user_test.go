package cryptr

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

var fullUserInput = UserInput{
	Email: "lyla@loirama.co", PhoneNumber: "+33123456789",
	Profile: UserProfile{Birthdate: "1992-03-10", FamilyName: "Bloggs", Gender: "female", GivenName: "Lyla", Locale: "fr",
		Nickname: "lylaB", Picture: "http://www.example.com/avatar.jpeg", PreferredUsername: "lyla", Website: "http://www.example.com", Zoneinfo: "Europe/Paris"},
	Address: UserAddress{Country: "FR", Formatted: "165 avenue de Bretagne\n59000 Lille, France", Locality: "Lille",
		PostalCode: "59000", Region: "Nord", StreetAddress: "165 avenue de Bretagne"},
}

func TestUserLifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx := context.Background()
	domain := peopleOrg(t, c, "Loirama")

	created, err := c.CreateUser(ctx, domain, fullUserInput)
	if err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	// Every field makes the round trip: a wrong wire name would lose it.
	if created.ID == "" || created.Email != fullUserInput.Email || created.PhoneNumber != fullUserInput.PhoneNumber ||
		created.Profile != fullUserInput.Profile || created.Address != fullUserInput.Address || created.Domain != domain ||
		created.Environment != "sandbox" || !created.Active || created.EmailVerified || len(created.Metadata) != 0 || created.InsertedAt == "" {
		t.Fatalf("created = %+v", created)
	}
	for _, key := range []string{created.ID, "LYLA@loirama.co"} {
		if got, err := c.GetUser(ctx, domain, key); err != nil || !reflect.DeepEqual(got, created) {
			t.Fatalf("GetUser(%s) = %+v, %v", key, got, err)
		}
	}

	// Update replaces: the address and the phone number go, the email changes.
	in := UserInput{Email: "lyla.b@loirama.co", Profile: UserProfile{GivenName: "Lyla B"}}
	updated, err := c.UpdateUser(ctx, domain, created.ID, in)
	if err != nil {
		t.Fatalf("UpdateUser: %v", err)
	}
	if updated.Email != in.Email || updated.PhoneNumber != "" || updated.Profile != in.Profile || updated.Address != (UserAddress{}) {
		t.Fatalf("updated = %+v", updated)
	}

	if _, err := c.AddUserMetadata(ctx, domain, created.ID, "uid", "2fa42937"); err != nil {
		t.Fatalf("AddUserMetadata: %v", err)
	}
	withMeta, err := c.AddUserMetadata(ctx, domain, created.ID, "team", "blue")
	if err != nil || !maps.Equal(withMeta.Metadata, map[string]string{"uid": "2fa42937", "team": "blue"}) {
		t.Fatalf("AddUserMetadata = %+v, %v", withMeta, err)
	}
	removed, err := c.RemoveUserMetadata(ctx, domain, created.ID, "uid")
	if err != nil || !maps.Equal(removed.Metadata, map[string]string{"team": "blue"}) {
		t.Fatalf("RemoveUserMetadata = %+v, %v", removed, err)
	}
	_, err = c.AddUserMetadata(ctx, domain, created.ID, "Not Declared", "x")
	if !httpclient.HasStatus(err, http.StatusNotFound) || !strings.Contains(err.Error(), "not declared") {
		t.Fatalf("undeclared metakey: %v", err)
	}

	if err := c.DeleteUser(ctx, domain, created.ID); err != nil {
		t.Fatalf("DeleteUser: %v", err)
	}
	if _, err := c.GetUser(ctx, domain, created.ID); !httpclient.IsNotFound(err) {
		t.Fatalf("GetUser after delete: %v", err)
	}
	if err := c.DeleteUser(ctx, domain, created.ID); !httpclient.IsNotFound(err) {
		t.Fatalf("DeleteUser again: %v", err)
	}
}

func TestUserValidationErrors(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	domain := peopleOrg(t, c, "Loirama")
	for field, in := range map[string]UserInput{
		"email":          {Email: "nope"},
		"phone_number":   {Email: "a@b.co", PhoneNumber: "+33 1 23 45 67 89"},
		"profile.gender": {Email: "a@b.co", Profile: UserProfile{Gender: "other"}},
	} {
		_, err := c.CreateUser(context.Background(), domain, in)
		if apiErr, ok := httpclient.AsAPIError(err); !ok || len(apiErr.FieldErrors[field]) != 1 {
			t.Errorf("%s: err = %v, want details.%s", field, err, field)
		}
	}
}

func TestUserFormEncoding(t *testing.T) {
	t.Parallel()
	in := UserInput{Email: "a@b.co", Profile: UserProfile{GivenName: "Jo"}, Address: UserAddress{Country: "FR"}}
	want := url.Values{"email": {"a@b.co"}, "profile[given_name]": {"Jo"}, "address[country]": {"FR"}}
	if got := in.form(false); !reflect.DeepEqual(got, want) {
		t.Errorf("create form = %v", got)
	}
	full := in.form(true)
	if len(full) != 1+1+10+6 || full.Get("profile[nickname]") != "" || !full.Has("profile[nickname]") || !full.Has("address[region]") || !full.Has("phone_number") {
		t.Errorf("update form = %v", full)
	}
	if got := userPath("a b", "x@y.co"); got != "/api/v2/org/a%20b/users/x@y.co" {
		t.Errorf("userPath = %s", got)
	}
}

func TestUserDecodesReferenceSample(t *testing.T) {
	t.Parallel()
	const sample = `{"__domain__":"loirama","__environment__":"sandbox","__type__":"User","address":null,"email":"lyla@loirama.co",
	"email_verified":false,"id":"d6a4","meta_data":[{"key":{"name":"uid","required":false,"type":"string"}}],
	"phone_number":null,"profile":{"given_name":"Lyla","preferred_username":null},"updated_at":"2023-05-10T13:50:35"}`
	var u User
	if err := json.Unmarshal([]byte(sample), &u); err != nil {
		t.Fatal(err)
	}
	if u.PhoneNumber != "" || u.Address != (UserAddress{}) || u.Profile.GivenName != "Lyla" || u.Metadata["uid"] != "" || len(u.Metadata) != 1 || u.Environment != "sandbox" {
		t.Fatalf("decoded %+v", u)
	}
}

func TestListUsersFollowsPages(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx := context.Background()
	domain := peopleOrg(t, c, "Loirama")
	const n = defaultPerPage + 1
	for i := range n {
		if _, err := c.CreateUser(ctx, domain, UserInput{Email: "u" + strings.Repeat("x", i) + "@loirama.co"}); err != nil {
			t.Fatal(err)
		}
	}
	users, err := c.ListUsers(ctx, domain)
	if err != nil || len(users) != n || users[n-1].Email != "u@loirama.co" {
		t.Fatalf("ListUsers: %d users, %v", len(users), err)
	}
}

// TestCreateUserFindsUncertainCreate: the create reaches the API but its
// answer is lost (a 502 from a proxy); the client finds the user by email
// instead of failing or creating it twice.
func TestCreateUserFindsUncertainCreate(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	target, _ := url.Parse(ts.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(r *http.Response) error {
		if r.Request.Method == http.MethodPost && strings.HasSuffix(r.Request.URL.Path, "/users") {
			r.StatusCode = http.StatusBadGateway
		}
		return nil
	}
	front := httptest.NewServer(proxy)
	t.Cleanup(front.Close)
	cfg := configFor(ts)
	cfg.ServiceURL = front.URL
	c := New(cfg, httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 2})
	domain := peopleOrg(t, c, "Loirama")
	u, err := c.CreateUser(context.Background(), domain, UserInput{Email: "once@loirama.co"})
	if err != nil || u.Email != "once@loirama.co" {
		t.Fatalf("CreateUser = %+v, %v", u, err)
	}
	if got := routeCount(ts, "POST /api/v2/org/{domain}/users"); got != 1 {
		t.Fatalf("%d creates, want 1", got)
	}
}
