package cryptr

import (
	"crypto/rand"
	"net/http"
)

// ssoStore holds SSO connections and redirect URIs. It is guarded by
// Service.mu. It records the design of both objects where the reference is
// silent.
//
// # SSO connections (reference: "SSO Connection")
//
//	POST /api/v2/org/{domain}/sso-connection     create (201)
//	GET  /api/v2/org/{domain}/sso-connection     retrieve
//	PUT  /api/v2/org/{domain}/sso-connection     update
//	PUT  /api/v2/sso-connections/{idp_id}        update (the reference's curl sample)
//	GET  /api/v2/sso-connections                 global list, every organization
//
// Behaviour:
//
//   - One connection per organization, keyed by the organization's seq: it
//     goes with its organization and does not come back when the domain is
//     reused. A second create → 409 type "conflict" (the status the reference
//     documents for the other one-per-organization object, directory sync).
//     An unknown or deleted organization, or one without a connection → 404.
//   - There is no delete (the reference documents none); deactivate with
//     active=false instead.
//   - Create fields: provider_type (the Kotlin SDK sends it; default "unset";
//     "unset" or "<saml|oauth>.<name>" such as saml.azure_ad, saml.okta,
//     saml.adfs, saml.ping_federate, saml.ping_one, saml.auth0,
//     saml.onelogin, saml.custom; else 422 details.provider_type), active
//     (default true), number_users_provisioning_limit (an integer >= 1, else
//     422), users_access_policy (only_registered_users | provision_new_users
//     | unregistered_users_allowed, default provision_new_users, else 422).
//     metadata is NOT read at creation (the reference lists it for update
//     only): clients set it with a follow-up update.
//   - Update fields: active, metadata (the IdP metadata XML; must be
//     well-formed XML, else 422 details.metadata), number_users_provisioning_limit,
//     users_access_policy. Only keys present change. provider_type cannot
//     change: it is ignored on update, like any unknown key. An empty value
//     (metadata=, number_users_provisioning_limit=) clears the field to null.
//     Booleans accept true/false/1/0, else 422.
//   - JSON (reference sample plus the Kotlin SDK's SAML settings): __type__
//     "SsoConnection", active, id ("<domain with _>_<22 base58>"), inserted_at,
//     number_users_provisioning_limit (null when unset), organization (the
//     nested Organization with the fields of the nested samples: no color,
//     logo URLs, locale or timezone), provider_type,
//     saml_config {acs_url, cryptr_metadata_url, entity_id, slo_url,
//     sso_provider_metadata (the metadata XML or null)}, sp_id, updated_at,
//     users_access_policy. entity_id equals sp_id, as in the samples; sp_id
//     is "<domain with _>_<22 base58>" too. The URLs are built from the
//     request's base: <base>/enterprise/<sp_id>/saml/{acs,metadata,slo}.
//   - The list holds the connections of live organizations, newest first,
//     paginated like every list.
//
// # Redirect URIs (reference cut off after the type's first fields)
//
//	GET    /api/v2/redirect-uris        list (the caller's environment)
//	POST   /api/v2/redirect-uris        create (201)
//	GET    /api/v2/redirect-uris/{id}   retrieve
//	PUT    /api/v2/redirect-uris/{id}   update
//	DELETE /api/v2/redirect-uris/{id}   delete → 200 {"deleted":true,"resource":{...}}
//
// Behaviour:
//
//   - Account-wide and scoped to the environment of the calling API key,
//     like webhooks: a key never sees the other environment's URIs (→ 404).
//   - JSON: __environment__, __type__ "RedirectUri", default, id (UUID v4),
//     inserted_at, updated_at, uri (the fields after inserted_at are cut off
//     in the reference: updated_at and uri follow its alphabetical order).
//   - Fields: uri (required on create; an absolute URI: a scheme, a host for
//     http(s), no white space and no fragment, else 422 details.uri; unique
//     within an environment, else 422 details.uri ["has already been
//     taken"]) and default (boolean, default false).
//   - At most one default per environment: making one default clears the
//     previous default (whose updated_at moves). An environment may have no
//     default.
//   - The default cannot be deleted while other redirect URIs exist in its
//     environment (the truncated sentence "it cannot be deleted if ..."):
//     422 details.default; unset default first. A deleted URI is gone (404).
//   - The list is newest first, paginated like every list.
type ssoStore struct {
	conns     map[int64]*ssoConnection // by organization seq
	redirects map[string]*redirectURI  // by id
	seq       int64                    // creation order, for newest-first ties
}

func newSSOStore() *ssoStore {
	return &ssoStore{conns: map[int64]*ssoConnection{}, redirects: map[string]*redirectURI{}}
}

// registerSSO adds the routes of SSO connections and redirect URIs.
func (s *Service) registerSSO(mux *http.ServeMux) {
	mux.Handle("POST /api/v2/org/{domain}/sso-connection", s.authenticated(s.handleCreateSSOConnection))
	mux.Handle("GET /api/v2/org/{domain}/sso-connection", s.authenticated(s.handleGetSSOConnection))
	mux.Handle("PUT /api/v2/org/{domain}/sso-connection", s.authenticated(s.handleUpdateSSOConnection))
	mux.Handle("PUT /api/v2/sso-connections/{idp_id}", s.authenticated(s.handleUpdateSSOConnectionByID))
	mux.Handle("GET /api/v2/sso-connections", s.authenticated(s.handleListSSOConnections))

	mux.Handle("GET /api/v2/redirect-uris", s.authenticated(s.handleListRedirectURIs))
	mux.Handle("POST /api/v2/redirect-uris", s.authenticated(s.handleCreateRedirectURI))
	mux.Handle("GET /api/v2/redirect-uris/{id}", s.authenticated(s.handleGetRedirectURI))
	mux.Handle("PUT /api/v2/redirect-uris/{id}", s.authenticated(s.handleUpdateRedirectURI))
	mux.Handle("DELETE /api/v2/redirect-uris/{id}", s.authenticated(s.handleDeleteRedirectURI))
}

const ssoBase58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// ssoRandomBase58 returns n random base58 characters.
func ssoRandomBase58(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("cryptr: crypto/rand: " + err.Error())
	}
	for i := range b {
		b[i] = ssoBase58[int(b[i])%len(ssoBase58)]
	}
	return string(b)
}
