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
// and writes the same variables to an env file. State lives in memory only;
// each Server starts from the same seed (fixed demo credentials, see Env and
// Fixtures).
//
// # Admin API
//
// Admin routes are never counted nor faulted.
//
//	GET    /_emulator/healthz   → 200 {"status":"ok"}
//	GET    /_emulator/requests  → 200 {"total":3,"routes":{"POST /api/v2/oauth/token":1,"GET /api/v2/organizations/{domain}":2},
//	                                   "faults":{"rate_limited":0,"error":1,"dropped":0,"dropped_after_commit":0}}
//	DELETE /_emulator/requests  → 200 {"total":0,"routes":{},"faults":{"rate_limited":0,"error":0,"dropped":0,"dropped_after_commit":0}}
//	GET    /_emulator/faults    → 200 {"latency_ms":0,"error_rate":0,"rate_limit_per_second":0,"drop_rate":0,
//	                                   "drop_after_commit_rate":0,"token_ttl_seconds":0}
//	PUT    /_emulator/faults    (full object) → 200 with the new faults; 400 on bad JSON,
//	                            unknown fields or out-of-range values
//	GET    /_emulator/state     → 200 everything the emulator holds (see below)
//
// For example:
//
//	curl -X PUT "$BASE/_emulator/faults" -d '{"error_rate":0.2,"latency_ms":100,"drop_after_commit_rate":0.1}'
//	curl "$BASE/_emulator/requests"
//	curl -X DELETE "$BASE/_emulator/requests"
//	curl "$BASE/_emulator/state"
//
// Request counts are keyed by the route pattern the request matched, as
// registered: "METHOD /path/{wildcard}" (for example
// "GET /api/v2/organizations/{domain}"), found with ServeMux.Handler before
// the request is served. "faults" counts the faults injected, by kind:
// rate_limited (429), error (503), dropped (closed unserved) and
// dropped_after_commit (served, then closed unanswered); each is counted
// before it acts, so a client that saw it finds it counted. DELETE resets
// them with the request counts. Server.RequestCounts returns the same
// numbers (RequestCounts.Faults is a FaultCounts).
//
// # State dump
//
// GET /_emulator/state (Server.State) answers every object the three
// services hold, seeded fixtures included, as plain snake_case JSON whose
// shape is also that of a seed file, so that it can be loaded back:
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
// Server.IssuedSecrets lists every secret value handed out or held so far
// (tokens of all three services, the last 100000 per service; SCIM tokens;
// webhook signing keys; Cyrisma secrets and agent keys; seeded
// credentials), for tests that check logs never show one.
//
// # Faults
//
// Faults apply to every non-admin request, in this order:
//
//  1. rate limit (rate_limit_per_second): a fixed one-second window per
//     service (see below); over the limit → 429, "Retry-After: 1",
//     {"error":"rate_limited","message":"..."};
//  2. drop (drop_rate, probability): the connection is hijacked and closed
//     without an answer, so the client sees a transport error;
//  3. latency (latency_ms): the request waits that long before going on;
//  4. error (error_rate, probability): 503
//     {"error":"service_unavailable","message":"injected fault"}, without
//     touching any state;
//  5. drop after commit (drop_after_commit_rate, probability): the request
//     is served normally, so its state change is applied, but its answer is
//     thrown away and the connection is closed without an answer, as with
//     drop. This is how a client meets a write that succeeded although it
//     never heard so (a retried create then makes a duplicate).
//
// A request refused by faults 1 to 4 is not applied. Each fault is drawn
// independently, in that order.
//
// token_ttl_seconds overrides the lifetime of every token minted from then on
// by every service (0 = each service's default). Zero values mean "off".
//
// # Design choices where the sources are silent
//
//   - Every non-admin request is counted before faults are applied, so
//     requests answered 429/503 or dropped are counted too (this lets tests
//     see client retries). Requests that match no route are counted under
//     "unmatched" and are faulted like any API request.
//   - A pattern registered without a method is counted as "<request method>
//     <pattern>". HEAD requests matching a GET pattern count under "GET ...".
//   - DELETE /_emulator/requests answers 200 with the zeroed counts; "routes"
//     is always an object, never null.
//   - PUT /_emulator/faults: fields absent from the object are zero (off);
//     negative values, rates outside [0, 1], trailing data or an empty body →
//     400 {"error":"invalid_request","message":"..."}. A successful PUT also
//     restarts every rate-limit window.
//   - Rate limit per service: the three APIs are three vendors, each with
//     its own limit, so each has its own window: Cryptr (/api/v2/...,
//     /oauth/...), Cyrisma (/app/...), Synerise (/uauth/..., /v4/...), and
//     one more for every other path ("other", such as unmatched requests).
//     rate_limit_per_second is the limit of each window: a client busy with
//     one service is never throttled by another.
//   - A rate-limit window starts at the first request of its service after
//     its previous window ended (not at wall-clock second boundaries), and
//     requests refused with 429 count within their window.
//   - Drop and drop after commit, on a connection that cannot be hijacked
//     (HTTP/2), abort the handler with http.ErrAbortHandler, which resets
//     the stream. Drop after commit serves the request into a buffer that is
//     discarded: the handler runs to its end before the connection closes.
//   - Latency stops early, without an answer, if the client goes away.
//   - Env trims a trailing "/" from the base URL. Each service builds its own
//     variables from the root base URL (Cyrisma appends "/app").
package emulator
