package cryptr

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Key sets of the reference's objects
// (shared/api-reference/cryptr-api-v2.txt), plus only the
// deviations written in the package doc ("Deviations from the reference").
const (
	refOrgKeys = "__type__,allowed_email_domains,color,domain,environments,icon_logo_url,inline_logo_url," +
		"inserted_at,locale,name,status,timezone,updated_at" // the logo URLs: type table only
	refNestedOrgKeys = "__type__,allowed_email_domains,domain,environments,inserted_at,name,status,updated_at"
	refStatusKeys    = "errors,estimated_time_to_complete_in_seconds,progress_in_percentage,state"
	refListKeys      = "__type__,data,pagination,total"
	refPageKeys      = "current_page,current_pages,next_page,per_page,prev_page,total_pages"
	refSSOKeys       = "__type__,active,id,inserted_at,number_users_provisioning_limit,organization,provider_type," +
		"saml_config,sp_id,updated_at,users_access_policy"
	refSAMLKeys  = "entity_id,sso_provider_metadata,acs_url,cryptr_metadata_url,slo_url" // the URLs: deviation (SDK model)
	refAdminKeys = "accepted_invitation_at,color,declined_to_be_in_charge_at,email,id,inserted_at,invited_at," +
		"last_login_at,organization,updated_at"
	refUserKeys = "__domain__,__environment__,__type__,active,address,email,email_verified,id,identities,inserted_at," +
		"meta_data,phone_number,phone_number_verified,phone_numbers,profile,updated_at"
	refProfileKeys  = "birthdate,family_name,gender,given_name,locale,nickname,picture,preferred_username,website,zoneinfo"
	refAddressKeys  = "country,formatted,locality,postal_code,region,street_address"
	refMetaKeys     = "id,key,value" // the reference's remove-metadata sample has key only: deviation
	refMetaKeyKeys  = "name,required,type"
	refDirSyncKeys  = "__domain__,__environment__,__type__,active,auth_secret_token,id,inserted_at,provider_type,updated_at"
	refSecretKeys   = "hint,provider_key,value"
	refPasswordKeys = "__domain__,__type__,active,id,inserted_at,pepper_rotation_period,plain_text_max_length," +
		"plain_text_min_length,updated_at,forgot_password_template_id" // the template id: deviation (SDK model)
	refMagicLinkKeys = "__type__,active,find_or_create_user,id,inserted_at,sign_in_template_id,updated_at"
	refTOTPKeys      = "__domain__,active,expiry_in_seconds,method"
	refWebhookKeys   = "__environment__,__type__,active,event_codes,id,inserted_at,name,signature_key,updated_at," +
		"target_url" // target_url: type table only
	refEventKeys = "__type__,args,attempt,attempted_at,cancelled_at,completed_at,discarded_at,id,inserted_at," +
		"max_attempts,scheduled_at,state"
	refEventArgsKeys = "__domain__,__environment__,__type__,code,data,issued_at,webhook_id"
	refDirSyncData   = "__domain__,__type__,change,directory_sync_id,provider,resource"
	// The user of the reference's event samples: no active, identities nor phone_numbers.
	refEventUserKeys = "__domain__,__environment__,__type__,address,email,email_verified,id,inserted_at,meta_data," +
		"phone_number,phone_number_verified,profile,updated_at"
	refEventProfileKeys = "birthdate,family_name,gender,given_name,locale,nickname,preferred_username,zoneinfo"
	refErrorKeys        = "type,message,doc_urls"
)

// wantKeys fails unless obj is a JSON object with exactly the keys of want
// (comma-separated, any order).
func wantKeys(t *testing.T, what string, obj any, want string) {
	t.Helper()
	m, ok := obj.(map[string]any)
	if !ok {
		t.Errorf("%s is not an object: %v", what, obj)
		return
	}
	got := make([]string, 0, len(m))
	for k := range m {
		got = append(got, k)
	}
	w := strings.Split(want, ",")
	slices.Sort(got)
	slices.Sort(w)
	if !slices.Equal(got, w) {
		t.Errorf("%s keys = %v, want %v", what, got, w)
	}
}

// first returns the first element of the list obj.
func first(t *testing.T, what string, obj any) any {
	t.Helper()
	l, _ := obj.([]any)
	if len(l) == 0 {
		t.Fatalf("%s: empty or not a list: %v", what, obj)
	}
	return l[0]
}

// ok2xx fails unless r answered status.
func ok2xx(t *testing.T, what string, r response, status int) map[string]any {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: %d %s", what, r.status, r.raw)
	}
	return r.body
}

func TestOrganizationKeysAreTheDocumentedOnes(t *testing.T) {
	e := start(t, Options{ProvisioningDelay: time.Hour}, nil)
	tok := e.token()
	b := ok2xx(t, "create", e.form("POST", "/api/v2/organizations", "name=Weeklymotion&allowed_email_domains[]=weeklymotion.com", tok), 201)
	wantKeys(t, "organization", b, refOrgKeys)
	wantKeys(t, "status", b["status"], refStatusKeys)
	wantKeys(t, "environment", first(t, "environments", b["environments"]), "name,status")
	path := "/api/v2/organizations/weeklymotion"
	wantKeys(t, "retrieved organization", ok2xx(t, "get", e.form("GET", path, "", tok), 200), refOrgKeys)
	wantKeys(t, "updated organization", ok2xx(t, "update", e.form("PUT", path, "name=Weeklymotion", tok), 200), refOrgKeys)

	list := ok2xx(t, "list", e.form("GET", "/api/v2/organizations", "", tok), 200)
	wantKeys(t, "list", list, refListKeys)
	wantKeys(t, "pagination", list["pagination"], refPageKeys)
	wantKeys(t, "listed organization", first(t, "data", list["data"]), refOrgKeys)

	// The nested organization has the fields of the reference's nested samples only.
	sso := ok2xx(t, "sso create", e.form("POST", "/api/v2/org/weeklymotion/sso-connection", "provider_type=saml.okta", tok), 201)
	wantKeys(t, "sso connection", sso, refSSOKeys)
	wantKeys(t, "saml_config", sso["saml_config"], refSAMLKeys)
	wantKeys(t, "sso organization", sso["organization"], refNestedOrgKeys)
	wantKeys(t, "sso organization status", sso["organization"].(map[string]any)["status"], refStatusKeys)
	ssoList := ok2xx(t, "sso list", e.form("GET", "/api/v2/sso-connections", "", tok), 200)
	wantKeys(t, "sso list", ssoList, refListKeys)
	wantKeys(t, "listed sso connection", first(t, "data", ssoList["data"]), refSSOKeys)
	wantKeys(t, "listed sso organization", first(t, "data", ssoList["data"]).(map[string]any)["organization"], refNestedOrgKeys)

	admin := ok2xx(t, "admin create", e.form("POST", "/api/v2/org/weeklymotion/admins", "email=it%40weeklymotion.com", tok), 201)
	wantKeys(t, "admin", admin, refAdminKeys)
	wantKeys(t, "admin organization", admin["organization"], refNestedOrgKeys)
	adminList := ok2xx(t, "admin list", e.form("GET", "/api/v2/org/weeklymotion/admins", "", tok), 200)
	wantKeys(t, "listed admin organization", first(t, "data", adminList["data"]).(map[string]any)["organization"], refNestedOrgKeys)
	deleted := ok2xx(t, "admin delete", e.form("DELETE", "/api/v2/org/weeklymotion/admins/it%40weeklymotion.com", "", tok), 200)
	wantKeys(t, "admin delete", deleted, "deleted,resource")
	wantKeys(t, "deleted admin", deleted["resource"], refAdminKeys)

	deleted = ok2xx(t, "delete", e.form("DELETE", path, "", tok), 200)
	wantKeys(t, "delete", deleted, "deleted,resource")
	wantKeys(t, "deleted organization", deleted["resource"], refOrgKeys)
	// The "subset of its information" a deleted organization answers.
	wantKeys(t, "tombstone", ok2xx(t, "get deleted", e.form("GET", path, "", tok), 200), "__type__,domain,name,deleted")
}

func TestObjectKeysAreTheDocumentedOnes(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	domain := e.connOrg(tok, "Loirama")
	org := "/api/v2/org/" + domain

	user := ok2xx(t, "user create", e.form("POST", org+"/users", peopleSDKUserForm, tok), 201)
	wantKeys(t, "user", user, refUserKeys)
	wantKeys(t, "profile", user["profile"], refProfileKeys)
	wantKeys(t, "address", user["address"], refAddressKeys)
	id := user["id"].(string)
	user = ok2xx(t, "add metadata", e.form("PUT", org+"/users/"+id+"/add-metadata", "key=uid&value=2fa42937", tok), 200)
	wantKeys(t, "user with metadata", user, refUserKeys)
	meta := first(t, "meta_data", user["meta_data"])
	wantKeys(t, "meta_data item", meta, refMetaKeys)
	wantKeys(t, "metakey", meta.(map[string]any)["key"], refMetaKeyKeys)
	wantKeys(t, "user after remove", ok2xx(t, "remove metadata", e.form("PUT", org+"/users/"+id+"/remove-metadata", "key=uid", tok), 200), refUserKeys)
	wantKeys(t, "listed user", first(t, "data", ok2xx(t, "users", e.form("GET", org+"/users", "", tok), 200)["data"]), refUserKeys)
	deleted := ok2xx(t, "user delete", e.form("DELETE", org+"/users/"+id, "", tok), 200)
	wantKeys(t, "user delete", deleted, "deleted,resource")
	wantKeys(t, "deleted user", deleted["resource"], refUserKeys)

	for _, r := range []response{
		e.form("POST", org+"/directory-sync", "", tok), e.form("GET", org+"/directory-sync", "", tok),
		e.form("PUT", org+"/directory-sync", "active=false", tok), e.form("POST", org+"/directory-sync/reset-token", "", tok),
	} {
		if r.status != 200 && r.status != 201 {
			t.Fatalf("directory sync: %d %s", r.status, r.raw)
		}
		wantKeys(t, "directory sync", r.body, refDirSyncKeys)
		wantKeys(t, "auth_secret_token", r.body["auth_secret_token"], refSecretKeys)
	}
	for _, r := range []response{
		e.form("POST", org+"/password-connection", "", tok), e.form("GET", org+"/password-connection", "", tok),
		e.form("PUT", org+"/password-connection", "active=false", tok),
	} {
		if r.status != 200 && r.status != 201 {
			t.Fatalf("password connection: %d %s", r.status, r.raw)
		}
		wantKeys(t, "password connection", r.body, refPasswordKeys)
	}
	for _, r := range []response{e.form("GET", org+"/magic-link-connection", "", tok), e.form("PUT", org+"/magic-link-connection", "active=false", tok)} {
		wantKeys(t, "magic-link connection", ok2xx(t, "magic link", r, 200), refMagicLinkKeys)
	}
	wantKeys(t, "totp connection", ok2xx(t, "totp get", e.form("GET", org+"/totp-connection", "", tok), 200), refTOTPKeys)
	wantKeys(t, "totp connection", ok2xx(t, "totp post", e.form("POST", org+"/totp-connection", "active=true", tok), 201), refTOTPKeys)

	// Redirect URIs: the fields the cut-off reference lists, then updated_at and uri.
	const redirectKeys = "__environment__,__type__,default,id,inserted_at,updated_at,uri"
	redirect := ok2xx(t, "redirect create", e.form("POST", "/api/v2/redirect-uris", "uri=https%3A%2F%2Floirama.com%2Fcb", tok), 201)
	wantKeys(t, "redirect URI", redirect, redirectKeys)
	wantKeys(t, "listed redirect URI", first(t, "data", ok2xx(t, "redirects", e.form("GET", "/api/v2/redirect-uris", "", tok), 200)["data"]), redirectKeys)

	// Errors: {"error":{type, message, doc_urls}}, details only on 422.
	r := e.form("GET", org+"/admins/nobody%40loirama.co", "", tok)
	if r.status != 404 {
		t.Fatalf("unknown admin: %d %s", r.status, r.raw)
	}
	wantKeys(t, "error envelope", r.body, "error")
	wantKeys(t, "404 error", r.body["error"], refErrorKeys)
	r = e.form("POST", "/api/v2/organizations", "name=", tok)
	if r.status != 422 {
		t.Fatalf("blank name: %d %s", r.status, r.raw)
	}
	wantKeys(t, "422 error", r.body["error"], refErrorKeys+",details")
	wantKeys(t, "token", ok2xx(t, "token", e.form("POST", "/oauth/token", url.Values{"client_id": {sandboxClientID},
		"client_secret": {sandboxClientSecret}, "grant_type": {"client_credentials"}, "audience": {accountDomain}}.Encode(), ""), 200), "access_token")
}

func TestWebhookKeysAreTheDocumentedOnes(t *testing.T) {
	e := start(t, Options{}, nil)
	tok := e.token()
	// A target that is not loopback is never delivered to: the event stays available.
	h := e.createWebhook(tok, "My Webhook Name", "https://hooks.example/x", "dir_sync.user.provision.success")
	wantKeys(t, "webhook", h, refWebhookKeys)
	id := h["id"].(string)
	wantKeys(t, "retrieved webhook", ok2xx(t, "get", e.form("GET", "/api/v2/webhooks/"+id, "", tok), 200), refWebhookKeys)
	wantKeys(t, "listed webhook", first(t, "data", ok2xx(t, "list", e.form("GET", "/api/v2/webhooks", "", tok), 200)["data"]), refWebhookKeys)

	test := e.trigger(tok, "dir_sync.user.provision.success").body
	wantKeys(t, "trigger-test", test, "__type__,preview,triggered_webhooks,untriggered_webhooks")
	wantKeys(t, "triggered webhook", first(t, "triggered_webhooks", test["triggered_webhooks"]), refWebhookKeys)
	wantKeys(t, "preview", test["preview"], refEventArgsKeys)
	data := test["preview"].(map[string]any)["data"]
	wantKeys(t, "event data", data, refDirSyncData)
	resource := data.(map[string]any)["resource"]
	wantKeys(t, "event resource", resource, "changes,id,type")
	changes := resource.(map[string]any)["changes"]
	wantKeys(t, "event changes", changes, "new_values,previous_values")
	newUser := changes.(map[string]any)["new_values"]
	wantKeys(t, "event user", newUser, refEventUserKeys)
	wantKeys(t, "event user address", newUser.(map[string]any)["address"], refAddressKeys)
	wantKeys(t, "event user profile", newUser.(map[string]any)["profile"], refEventProfileKeys)

	event := first(t, "events", ok2xx(t, "events", e.form("GET", "/api/v2/webhook-events", "", tok), 200)["data"]).(map[string]any)
	wantKeys(t, "webhook event", event, refEventKeys)
	wantKeys(t, "event args", event["args"], refEventArgsKeys)
	eventPath := "/api/v2/webhook-events/" + jsonNumber(event["id"])
	wantKeys(t, "retried event", ok2xx(t, "retry", e.form("POST", eventPath+"/retry", "", tok), 200), refEventKeys)
	wantKeys(t, "cancelled event", ok2xx(t, "cancel", e.form("POST", eventPath+"/cancel", "", tok), 200), refEventKeys)

	deleted := ok2xx(t, "delete", e.form("DELETE", "/api/v2/webhooks/"+id, "", tok), 200)
	wantKeys(t, "webhook delete", deleted, "deleted,resource")
	wantKeys(t, "deleted webhook", deleted["resource"], refWebhookKeys)
}

// jsonNumber renders a decoded JSON integer.
func jsonNumber(v any) string {
	f, _ := v.(float64)
	return strconv.FormatInt(int64(f), 10)
}
