// Package emulator is an in-memory emulator of the three APIs the provider
// talks to (Cryptr Management API v2, Cyrisma partner API, Synerise auth
// API), plus a small admin API for tests. Everything is served by one
// handler on one listener:
//
//	<base>/api/v2/..., <base>/oauth/token   Cryptr   (package cryptr)
//	<base>/app/partner/...                  Cyrisma  (package cyrisma)
//	<base>/uauth/..., <base>/v4/...          Synerise (package synerise)
//	<base>/_emulator/...                    admin API
//
// Go tests start one with StartTestServer and point the provider at it with
// TestServer.Env(); the cmd/tenant-emulator binary serves one for manual use
// and writes the same variables to an env file. Both can serve HTTPS (see
// "HTTPS"). State lives in memory only;
// each Server starts from the same built-in fixtures (fixed demo
// credentials, see Env and Fixtures), and LoadSeed adds objects from a seed
// file (see "Seed files").
//
// # Admin API
//
// Admin routes are never counted nor faulted.
//
//	GET    /_emulator/healthz   → 200 {"status":"ok"}
//	GET    /_emulator/requests  → 200 {"total":3,"routes":{"POST /api/v2/oauth/token":1,"GET /api/v2/organizations/{domain}":2},
//	                                   "faults":{"rate_limited":0,"error":1,"dropped":0,"dropped_after_commit":0,
//	                                             "throttled":0,"hung":0,"redirected":0,"echoed_authorization":0,
//	                                             "anonymous_answer":0,"oversized":0}}
//	DELETE /_emulator/requests  → 200 {"total":0,"routes":{},"faults":{"rate_limited":0,"error":0,...}}
//	GET    /_emulator/faults    → 200 {"latency_ms":0,"error_rate":0,"rate_limit_per_second":0,"drop_rate":0,
//	                                   "drop_after_commit_rate":0,"token_ttl_seconds":0,"hang_rate":0,
//	                                   "retry_after_seconds":0,"throttle_rate":0,"oversized_body_bytes":0,
//	                                   "oversized_rate":0,"redirect_to":"","redirect_rate":0,"redirect_status":0,
//	                                   "echo_authorization_rate":0,"anonymous_answer_rate":0,
//	                                   "only_method":"","only_path_prefix":""}
//	PUT    /_emulator/faults    (full object) → 200 with the new faults; 400 on bad JSON,
//	                            unknown fields or out-of-range values
//	GET    /_emulator/state     → 200 everything the emulator holds (see below)
//
// For example:
//
//	curl -X PUT "$BASE/_emulator/faults" -d '{"error_rate":0.2,"latency_ms":100,"drop_after_commit_rate":0.1}'
//	curl -X PUT "$BASE/_emulator/faults" -d '{"throttle_rate":1,"retry_after_seconds":3600}'
//	curl "$BASE/_emulator/requests"
//	curl -X DELETE "$BASE/_emulator/requests"
//	curl "$BASE/_emulator/state"
//
// Request counts are keyed by the route pattern the request matched, as
// registered: "METHOD /path/{wildcard}" (for example
// "GET /api/v2/organizations/{domain}"), found with ServeMux.Handler before
// the request is served. "faults" counts the faults injected, by kind:
// rate_limited (429 of the rate limit), throttled (429 of throttle_rate),
// error (503), dropped (closed unserved), hung (held unanswered),
// redirected (3xx to redirect_to), echoed_authorization (500 echoing the
// credentials), dropped_after_commit (served, then closed unanswered),
// anonymous_answer (served, its 2xx JSON answer replaced) and oversized
// (served, its answer padded); latency is not counted. Each is counted
// before it acts, so a client that saw it finds it counted. DELETE resets
// them with the request counts. Server.RequestCounts returns the same
// numbers (RequestCounts.Faults is a FaultCounts).
//
// # State dump
//
// GET /_emulator/state (Server.State) answers every object the three
// services hold, built-in fixtures included, as plain snake_case JSON whose
// shape is also that of a seed file, so that it can be loaded back (see
// "Seed files"):
//
//	{"cryptr":{"account_domain":"tenantops-demo",
//	    "api_keys":[{"client_id":"keysandbox_...","client_secret":"cs_sandbox_...","environment":"sandbox"}, ...],
//	    "organizations":[{"domain":"acme","name":"Acme","allowed_email_domains":["acme.com"],
//	        "status":"up","deleted":false,"inserted_at":"2026-01-02T03:04:05Z","updated_at":"...",
//	        "sso_connection":{"id":"acme_...","sp_id":"acme_...","provider_type":"saml.okta","active":true,
//	            "number_users_provisioning_limit":null,"users_access_policy":"provision_new_users","metadata":null},
//	        "directory_syncs":[{"id":"...","environment":"sandbox","active":true,"token":"acme.sandbox...."}],
//	        "password_connection":{"id":"...","active":true,"plain_text_min_length":8,"plain_text_max_length":40,
//	            "pepper_rotation_period":86400,"forgot_password_template_id":null},
//	        "magic_link_connection":{...},"totp_connection":{"active":false,"method":"totp_mobile_app","expiry_in_seconds":30},
//	        "admins":[{"id":"...","email":"boss@acme.com"}],
//	        "users":[{"id":"...","environment":"sandbox","email":"jo@acme.com","profile":{"given_name":"Jo"},
//	            "metadata":[{"key":"team","value":"ops"}]}]}],
//	    "webhooks":[{"id":"webhook_...","environment":"sandbox","name":"hook","target_url":"https://...",
//	        "event_codes":["all"],"signature_key":"..."}],
//	    "webhook_events":[{"id":1,"environment":"sandbox","webhook_id":"webhook_...","event_code":"...",
//	        "state":"available","attempt":0,"max_attempts":5}],
//	    "redirect_uris":[{"id":"...","environment":"sandbox","uri":"https://acme.com/cb","default":true}]},
//	 "cyrisma":{"api_key":"5f0c...","api_secret":"...",
//	    "instances":[{"instance_id":"0b6e...","name":"TenantOps MSP","short_name":"TenantOps","parent_id":"",
//	        "hierarchy":"0b6e...","instance_type":"organization","is_consulting":false,"number_of_endpoints":0,
//	        "url":"cc100000.cyrisma.com","tenant_id":"","agent_key":"...","mfa":"0","enabled":true,"root":true,
//	        "provisioned":true,"address":{},
//	        "users":[{"id":"...","username":"jo@acme.com","first_name":"Jo","last_name":"Doe","enabled":true}]}]},
//	 "synerise":{"workspaces":[{"uuid":"6f1d...","id":3101,"name":"TenantOps Production","subdomain":"tenantops-prod",
//	        "logo":"","created":"2024-03-15T09:30:00Z","ip_restricted":false,"mfa_required":false,
//	        "ip_allowlist":{"enabled":false,"enable_support_subnets":false,"ip_policy":[]}}],
//	    "users":[{"id":10001,"uuid":"...","username":"ops@tenantops.example","password":"...","totp_secret":"...",
//	        "roles":"ADMIN","authorities":[...],"workspaces":["6f1d...","a7b8..."]}],
//	    "api_keys":[{"api_key":"3d9f...","workspace_uuid":"6f1d...","permissions":[...]}]}}
//
// The field names are those of each service's store (see cryptr.State,
// cyrisma.State and synerise.State, which document every field). Nothing
// is left out: deleted Cryptr organizations (status "deleted", even once
// their domain was reused, with their objects), suspended Cyrisma
// instances (enabled false) and instances still provisioning
// (provisioned false), disabled users (enabled false). Objects that belong
// to an organization or an instance are nested in it; Cryptr webhooks,
// webhook events and redirect URIs belong to an environment of the account
// and sit at the top level. Lists are sorted by natural key (domain,
// email, name, uuid, then id) so that two objects with the same natural
// key sit side by side. Times are RFC 3339 UTC. The dump holds secrets
// (tokens, signing keys, credentials): it is for tests.
//
// # Seed files
//
// Server.LoadSeed (the -seed flag of cmd/tenant-emulator) adds the objects
// of a JSON file whose shape is exactly the one GET /_emulator/state
// answers: a dump, saved and loaded into a new emulator, makes it dump the
// same JSON. Server.Seed takes a State value, every field of which counts
// as given (false is false). A hand-written file holds only what it needs:
// every key, list and object is optional, and so is every field that has a
// default, filled as the API fills it on create:
//
//	{"cryptr":   {"organizations": [{"name": "Acme", "sso_connection": {"provider_type": "saml.okta"}}],
//	              "webhooks": [{"name": "audit", "target_url": "https://hooks.example/x", "event_codes": ["all"]}]},
//	 "cyrisma":  {"instances": [{"name": "Contoso", "short_name": "Contoso"}]},
//	 "synerise": {"workspaces": [{"name": "Acme", "subdomain": "acme"}]}}
//
// The whole file is checked before anything is added (on any problem,
// nothing is), against itself and against what the emulator holds. Each
// problem is one line naming the object by its path (and name) and the
// field: malformed JSON (with its line and column), unknown fields, values
// of the wrong JSON type, missing required fields, values the API would
// refuse, and two objects with one natural key:
//
//	seed: line 3, column 23: malformed JSON: invalid character ',' looking for beginning of value
//	seed: cryptr.organizations[1].colour: unknown field
//	seed: cryptr.organizations[2] ("Acme"): domain: must be lowercase letters, digits and hyphens
//	seed: cyrisma.instances[0].users[1]: username: required
//	seed: cyrisma.instances[1] ("B"): short_name: "X" is already used by cyrisma.instances[0]
//
// Required fields, natural keys and defaults (ids, tokens, signing and
// agent keys are generated when left out; times are RFC 3339, default now,
// and updated_at defaults to inserted_at):
//
//   - cryptr.organizations: name. domain: the slug of the name, as the API
//     derives it; unique among live organizations (a deleted one may share
//     it with a live one). status "up": up at once, whatever the
//     provisioning delay; "pending" provisions as if created at
//     inserted_at; "deleted" (or deleted true) is a tombstone.
//   - in an organization, sso_connection: provider_type "unset", active true,
//     users_access_policy "provision_new_users"; id unique.
//     directory_syncs: environment "sandbox" (one per environment), active
//     true. password_connection: active true, lengths 8 and 40, pepper
//     rotation 86400. magic_link_connection: active true.
//     totp_connection: active false, method "totp_mobile_app", the method's
//     default expiry. (Left out, the magic-link and TOTP connections take
//     their defaults when first read, as for an organization made by the
//     API.)
//   - in an organization, admins: email, unique in the organization
//     (case-insensitive). users:
//     email, unique in the organization and environment; environment
//     "sandbox"; profile and address hold known, non-empty fields.
//   - cryptr.webhooks: name, target_url, event_codes; environment
//     "sandbox"; id unique. cryptr.redirect_uris: uri, unique in its
//     environment; at most one default per environment (it replaces the
//     emulator's current default). cryptr.webhook_events: webhook_id (a
//     webhook of the same environment, or a deleted one) and event_code;
//     id the next free one, state "available", attempt 0, max_attempts 5,
//     scheduled_at = inserted_at; attempt at most max_attempts, and below
//     it when the state is available or retryable (delivery and retry keep
//     it so); the delivery payload is rebuilt and the
//     attempted/completed/cancelled/discarded times (not in the dump) are
//     taken as scheduled_at. An "executing" event (in a dump taken during
//     a delivery) is loaded as if that attempt had failed: "retryable",
//     due at its scheduled_at, or "discarded" if it was its last attempt.
//   - cyrisma.instances: name and short_name (unique among the live, that
//     is not suspended, instances under one parent: after a create whose
//     answer was lost, the provider finds the new instance by short name
//     under its parent among the listed ones, which leave suspended
//     instances out; so a suspended instance may share it, as after a
//     destroy, which suspends, and a new apply, but a dump holding two live
//     siblings with one short name, which a reactivation or a retried
//     create can make, cannot be seeded). parent_id
//     the root instance (a parent must be an organization, of the seed or
//     of the emulator, in any order); hierarchy derived from the parent
//     (checked when given); instance_type "organization"; mfa "0"; url
//     unique; enabled and provisioned true (provisioned false without
//     ready_at: readable after the provisioning delay). users (organization
//     instances only): username (unique in the instance), first_name,
//     last_name; enabled true.
//   - synerise.workspaces: name and subdomain (unique); uuid and id
//     (unique; default the highest id plus one); created now;
//     ip_allowlist off. Every built-in user can select a seeded workspace,
//     unless the seed's synerise.users entry for that user lists its
//     workspaces.
//
// Built-in fixtures (the Cryptr account and API keys, the Cyrisma API key,
// secret and root instance, the Synerise workspaces, users and API key) are
// part of the dump, so that a dump is complete, and seeding them is
// idempotent: an entry for a fixture may only repeat it, each field left
// out or equal, and change what the APIs can change: the Cyrisma root's
// mfa and users, the Cyrisma API secret (as a regen-pass does), a Synerise
// workspace's ip_allowlist, the workspaces a Synerise user can select.
// A seed cannot add credentials. Seeded objects sit alongside the
// emulator's and are used through the APIs like any other. Loading is
// atomic: each service stays locked from its check until the seed is
// added (or dropped), so API requests and other loads running meanwhile
// wait, and see all of the seed or none of it.
//
// Server.IssuedSecrets lists every secret value handed out or held so far
// (tokens of all three services, the last 100000 per service; SCIM tokens;
// webhook signing keys; Cyrisma secrets and agent keys; seeded
// credentials), for tests that check logs never show one.
//
// # Faults
//
// Faults apply to every non-admin request in their scope (see "Scope"
// below; by default every request, login routes included), in this order:
//
//  1. rate limit (rate_limit_per_second): a fixed one-second window per
//     service (see below); over the limit → 429, "Retry-After: N" (N is
//     retry_after_seconds, default 1),
//     {"error":"rate_limited","message":"rate limit exceeded, retry after N seconds"};
//  2. throttle (throttle_rate, probability): the same 429 answer, with the
//     same Retry-After, whatever the rate-limit window;
//  3. drop (drop_rate, probability): the connection is hijacked and closed
//     without an answer, so the client sees a transport error;
//  4. hang (hang_rate, probability): the request is never answered. Its
//     body is read (up to 10 MiB) and thrown away, then it is held until
//     its client gives up (its context ends: client timeout, cancellation,
//     closed connection) or Server.Close is called, and its connection is
//     then closed without an answer. Server.Close also makes later hangs
//     close at once. http.Server.Shutdown and httptest.Server.Close wait for
//     requests in flight, so whoever serves Handler must call Server.Close
//     when shutting down: TestServer.Close and cmd/tenant-emulator do;
//  5. latency (latency_ms): the request waits that long before going on
//     (a slow answer; combine it with a client timeout shorter than it to
//     time the client out);
//  6. error (error_rate, probability): 503
//     {"error":"service_unavailable","message":"injected fault"};
//  7. redirect (redirect_rate, probability, needs redirect_to): the request
//     is answered redirect_status (default 302; 301, 302, 303, 307 or 308)
//     with "Location: <redirect_to without trailing "/"><path>[?<query>]"
//     (the request's path and query, as sent) and the body
//     {"error":"redirected","message":"injected fault: moved to <location>"};
//     redirect_to is an absolute http or https URL, without user, query or
//     fragment, and may have a path (it is prefixed). Pointing it at the
//     emulator itself makes a redirect loop (each redirected request is
//     faulted again);
//  8. echo (echo_authorization_rate, probability): 500
//     {"error":"internal_error","message":M,"error_description":M}, where M
//     is "injected fault: internal error echoing the request's credentials: "
//     followed by, verbatim and joined by "; ": every Authorization header
//     and every header whose name holds "auth", "api-key", "apikey",
//     "api_key", "token", "secret", "password" or "cookie"
//     (case-insensitively), as "Name: value", sorted by name; then
//     "body: " and the first 4 KiB of the request body, if any (login
//     requests carry their secrets there) — a buggy or hostile server
//     leaking the credentials back to the client;
//  9. drop after commit (drop_after_commit_rate, probability): the request
//     is served normally, so its state change is applied, but its answer is
//     thrown away and the connection is closed without an answer, as with
//     drop. This is how a client meets a write that succeeded although it
//     never heard so (a retried create then makes a duplicate);
//  10. anonymous answer (anonymous_answer_rate, probability): the request
//     is served normally, so its state change is applied (a create
//     creates), but a 2xx JSON answer with a body is replaced by
//     {"id":"x"} (Content-Type application/json; the status and other
//     headers are the handler's, so a create still answers 201): an answer
//     lacking the object's identifying field (domain, instance_id, uuid...;
//     for objects identified by "id" the id is garbage). Other answers
//     (errors, non-JSON) are left alone and not counted;
//  11. oversized (oversized_rate, probability, needs oversized_body_bytes,
//     at most 1 GiB): the request is served normally but its answer is
//     padded to at least oversized_body_bytes bytes, with an exact
//     Content-Length, status and headers unchanged. A JSON object answer
//     stays valid JSON holding the real object: it gains a last member
//     "emulator_padding" whose value is a string of "x", so that any JSON
//     decoder must read it all; any other body (arrays, text) is followed
//     by spaces. An answer already that long is sent as it is (counted all
//     the same). Answers that carry no body (to HEAD, 204, 304) are left
//     alone and not counted. The padding is streamed, not held in memory.
//
// A request refused by faults 1 to 8 is not applied. Each fault is drawn
// independently, in that order, and the first that acts ends the list,
// except that 10 and 11 combine (the {"id":"x"} answer is then padded) and
// are void when 9 acts.
//
// Scope: only_method (an upper-case HTTP method such as "POST", matched
// exactly, so "GET" does not match HEAD) and only_path_prefix (starting
// with "/", matched against the request path with strings.HasPrefix, so
// "/api/v2/organizations" also matches "/api/v2/organizations/acme/users"),
// when set, restrict every fault above, the rate limit included, to the
// requests that match both; other requests are served untouched and do not
// count in the rate-limit windows. For example, to fault only the creates
// of Cryptr organizations:
//
//	curl -X PUT "$BASE/_emulator/faults" -d '{"anonymous_answer_rate":1,"only_method":"POST","only_path_prefix":"/api/v2/organizations"}'
//
// More examples:
//
//	curl -X PUT "$BASE/_emulator/faults" -d '{"hang_rate":1}'                    # never answer
//	curl -X PUT "$BASE/_emulator/faults" -d '{"latency_ms":30000}'               # answer after 30 s
//	curl -X PUT "$BASE/_emulator/faults" -d '{"throttle_rate":1,"retry_after_seconds":3600}'
//	curl -X PUT "$BASE/_emulator/faults" -d '{"oversized_rate":1,"oversized_body_bytes":104857600}'
//	curl -X PUT "$BASE/_emulator/faults" -d '{"redirect_rate":1,"redirect_to":"https://attacker.example","redirect_status":307}'
//	curl -X PUT "$BASE/_emulator/faults" -d '{"echo_authorization_rate":1}'
//	curl -X PUT "$BASE/_emulator/faults" -d '{"anonymous_answer_rate":1}'
//	curl -X PUT "$BASE/_emulator/faults" -d '{}'                                 # all off
//
// token_ttl_seconds overrides the lifetime of every token minted from then on
// by every service (0 = each service's default); it is not a per-request
// fault, and the scope does not restrict it. Zero values mean "off" (for
// retry_after_seconds and redirect_status: the default).
//
// # HTTPS
//
// StartTestServerTLS starts a TestServer serving HTTPS (HTTP/2 and
// HTTP/1.1) with a certificate generated for it by SelfSignedCert:
// self-signed ECDSA P-256, its own CA, valid for 127.0.0.1, ::1 and
// localhost, for an hour. TestServer.URL is then "https://127.0.0.1:port"
// (and so are the Env URLs), TestServer.CertFile the path of its PEM (in a
// temporary directory Close removes), TestServer.CertPEM its content, and
// TestServer.Client an *http.Client trusting it. A client that does not
// trust it fails the handshake with an x509.UnknownAuthorityError
// ("x509: certificate signed by unknown authority"). The -tls flag of
// cmd/tenant-emulator does the same for manual use, writing the PEM beside
// the env file; users trust it with SSL_CERT_FILE (Go on Linux and other
// Unix systems but macOS), for example:
//
//	tenant-emulator -tls -env-file /tmp/emulator.env &
//	. /tmp/emulator.env && SSL_CERT_FILE=/tmp/emulator.pem terraform plan
//	curl --cacert /tmp/emulator.pem "$CRYPTR_SERVICE_URL/_emulator/healthz"
//
// Over HTTP/2, faults that close the connection (drop, hang, drop after
// commit) reset the request's stream instead (see below).
//
// # Deviations from the references
//
// By default each service answers exactly as its API reference shows
// (shared/api-reference/), field by field (in packages cryptr and
// synerise, reference_shapes_test.go checks the key set of every answer).
// The deliberate deviations, each explained in its package doc
// ("Deviations from the reference"), in short:
//
//   - Cryptr organizations: status.state "terminated" once provisioned (the
//     Kotlin SDK's value; the samples only show "pending"), with
//     progress_in_percentage 0..100 and the remaining seconds while pending
//     (null in every sample); icon_logo_url and inline_logo_url answered
//     null (type table only); a deleted organization's GET answers {__type__,
//     domain, name, deleted}.
//   - Cryptr nested organizations (SSO connections, admins): the nested
//     samples' fields only, always an object (preload_associations ignored).
//   - Cryptr fields the client or provider reads although no sample shows
//     them: saml_config acs_url, cryptr_metadata_url and slo_url, the
//     password connection's forgot_password_template_id (Kotlin SDK models),
//     the webhook's target_url (type table), user meta_data items {id, key,
//     value} (the only sample shows {key}).
//   - Cryptr webhook events: id present and no attempted_by (the type table
//     and the retry/cancel samples, not the odd list sample); SSO event
//     data invented.
//   - Cryptr TOTP update: absent keys keep their values instead of taking
//     the documented parameter defaults.
//   - Cryptr error bodies, 404/409/422 statuses beyond the documented
//     codes, and the routes the reference does not show (token endpoint,
//     redirect URIs, directory-sync reset-token, PUT variants): design
//     choices, documented where they are made.
//   - Synerise user login answers mfaMethods (the official docs' example;
//     the client needs it); consumer.businessProfileId is null before a
//     workspace is selected.
//   - Synerise GET /uauth/business-profile/current also serves API-key
//     tokens (the client reads it in API-key mode), answers
//     {"selected":false,"data":null} without a selection, and may say "ON".
//   - Synerise error bodies follow the official SDK's Error/HTTP400 models,
//     without errorCode and without errors[].code; the v4 routes, the
//     permission check and the IP allowlist come from the API notes; the
//     public key is not served; mfaType EMAIL is refused.
//   - Cyrisma: see package cyrisma.
//
// # Design choices where the sources are silent
//
//   - Every non-admin request is counted before faults are applied (in
//     scope or not), so requests answered 429/503 or dropped are counted too (this lets tests
//     see client retries). Requests that match no route are counted under
//     "unmatched" and are faulted like any API request.
//   - A pattern registered without a method is counted as "<request method>
//     <pattern>". HEAD requests matching a GET pattern count under "GET ...".
//   - DELETE /_emulator/requests answers 200 with the zeroed counts; "routes"
//     is always an object, never null.
//   - PUT /_emulator/faults: fields absent from the object are zero (off);
//     unknown fields, negative values, rates outside [0, 1], a rate whose
//     fault lacks its setting (oversized_rate without oversized_body_bytes,
//     redirect_rate without redirect_to), a bad redirect_to,
//     redirect_status, only_method or only_path_prefix, trailing data or an
//     empty body → 400 {"error":"invalid_request","message":"..."}. A
//     successful PUT also restarts every rate-limit window. It does not
//     release requests already held by the hang fault.
//   - Rate limit per service: the three APIs are three vendors, each with
//     its own limit, so each has its own window: Cryptr (/api/v2/...,
//     /oauth/...), Cyrisma (/app/...), Synerise (/uauth/..., /v4/...), and
//     one more for every other path ("other", such as unmatched requests).
//     rate_limit_per_second is the limit of each window: a client busy with
//     one service is never throttled by another.
//   - A rate-limit window starts at the first request of its service after
//     its previous window ended (not at wall-clock second boundaries), and
//     requests refused with 429 count within their window.
//   - Drop, hang and drop after commit, on a connection that cannot be
//     hijacked (HTTP/2), abort the handler with http.ErrAbortHandler, which
//     resets the stream. Drop after commit, anonymous answer and oversized
//     serve the request into a buffer, then drop, replace or pad it: the
//     handler runs to its end before anything is sent.
//   - Latency stops early, without an answer, if the client goes away.
//   - Env trims a trailing "/" from the base URL. Each service builds its own
//     variables from the root base URL (Cyrisma appends "/app").
package emulator
