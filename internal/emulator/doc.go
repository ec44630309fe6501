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
//	GET    /_emulator/requests  → 200 {"total":3,"routes":{"POST /api/v2/oauth/token":1,"GET /api/v2/organizations/{domain}":2}}
//	DELETE /_emulator/requests  → 200 {"total":0,"routes":{}}
//	GET    /_emulator/faults    → 200 {"latency_ms":0,"error_rate":0,"rate_limit_per_second":0,"drop_rate":0,"token_ttl_seconds":0}
//	PUT    /_emulator/faults    (full object) → 200 with the new faults; 400 on bad JSON,
//	                            unknown fields or out-of-range values
//
// For example:
//
//	curl -X PUT "$BASE/_emulator/faults" -d '{"error_rate":0.2,"latency_ms":100}'
//	curl "$BASE/_emulator/requests"
//	curl -X DELETE "$BASE/_emulator/requests"
//
// Request counts are keyed by the route pattern the request matched, as
// registered: "METHOD /path/{wildcard}" (for example
// "GET /api/v2/organizations/{domain}"), found with ServeMux.Handler before
// the request is served.
//
// # Faults
//
// Faults apply to every non-admin request, in this order:
//
//  1. rate limit (rate_limit_per_second): a fixed one-second window over all
//     API requests; over the limit → 429, "Retry-After: 1",
//     {"error":"rate_limited","message":"..."};
//  2. drop (drop_rate, probability): the connection is hijacked and closed
//     without an answer, so the client sees a transport error;
//  3. latency (latency_ms): the request waits that long before going on;
//  4. error (error_rate, probability): 503
//     {"error":"service_unavailable","message":"injected fault"}, without
//     touching any state.
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
//     restarts the rate-limit window.
//   - The rate-limit window starts at the first request after the previous
//     window ended (not at wall-clock second boundaries), and requests
//     refused with 429 count within their window.
//   - Drop on a connection that cannot be hijacked (HTTP/2) aborts the
//     handler with http.ErrAbortHandler, which resets the stream.
//   - Latency stops early, without an answer, if the client goes away.
//   - Env trims a trailing "/" from the base URL. Each service builds its own
//     variables from the root base URL (Cyrisma appends "/app").
package emulator
