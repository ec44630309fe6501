// Package cyrisma is an in-memory emulator of the Cyrisma legacy Partner API
// (https://api.cyrisma.com/app), limited to authentication and provisioning.
// Register mounts it under "/app" on a ServeMux; it is safe for concurrent use.
//
// It follows the wire contract in notes/design-contract.md ("Cyrisma").
// Choices made where the public sources and that contract are silent:
//
// Requests and errors
//   - Bodies are read as x-www-form-urlencoded whatever the Content-Type,
//     except that a Content-Type ending in "/json" or "+json", or a body whose
//     first non-blank byte is '{' or '[', is rejected with 400 invalid_request.
//     Query-string values are merged under body values (the body wins).
//   - Values are trimmed of surrounding white space.
//   - Missing required fields answer 400 invalid_request "<field>: is required",
//     checked in the documented field order; only the first problem is reported.
//   - Unknown paths and wrong methods get the ServeMux's own 404/405.
//   - Every route accepts its documented path; login, regen-pass,
//     instances/info and users/info also accept a trailing slash.
//
// Authentication
//   - login: missing grant_type, username or password → 400 invalid_request;
//     wrong key or secret → 400 invalid_grant. Lower-case and PascalCase field
//     names are both accepted (also RefreshToken for refresh_token). Scope,
//     SecondsUntilExpire and ClientId are ignored.
//   - Every password login mints a new access token and a new refresh token
//     (sharing the yyyyMMddHHmmss UTC suffix); earlier tokens stay valid until
//     they expire. The token lifetime is read from Options.TokenTTL at mint time;
//     expires_in is that lifetime in whole seconds, rounded up, at least 1.
//   - refresh_token grant: the refresh token is not rotated and keeps its
//     original 24 h expiry; the old access token stays valid until it expires.
//   - regen-pass needs the current key and secret (else 400 invalid_grant); the
//     new secret is 43 random alphanumerics; tokens already issued stay valid.
//     Env reports the secret currently valid.
//   - The Authorization scheme "access_token" is matched case-insensitively;
//     any other scheme, a missing, unknown or expired token → 401 invalid_token.
//
// Instances
//   - The root organization (RootInstance, "TenantOps MSP") is seeded, with
//     parent_id "" and hierarchy equal to its own id; it cannot be suspended.
//   - A seed file (Service.PrepareSeed) adds instances and users as if
//     created and provisioned through the API; the short names of its live
//     (not suspended) instances are unique under each parent, as the
//     provider's lookup by short name needs (the API lets any two
//     instances share one).
//   - An instance does not exist until its provisioning delay has passed: GET
//     answers [] for it, PATCH and users/create answer 400 invalid_instance, and
//     it cannot be used as a parent. Time is evaluated lazily on each request.
//   - parent_instance_id must name a provisioned organization (suspended ones
//     allowed), else 400 invalid_request on parent_instance_id.
//   - instance_type must be "organization" or "standard"; is_consulting must be
//     "true" or "false" (case-insensitive); email must contain "@"; country,
//     tenant_id and the address fields are free text. Names are not unique.
//   - instance_id is a random UUID v4, agent_key 32 random hex digits, url
//     "cc" + 6 random digits + ".cyrisma.com" (unique), number_of_endpoints 0.
//   - GET /partner/instances/info?instance_id=X answers exactly like
//     GET /partner/instances/info/X. Lists are in creation order.
//   - DESIGN: instance answers (list and by id) carry "enabled" (int 1|0), as
//     the suspend and reactivate answers do, although the reference's info
//     schema does not list it. The client does not depend on it: when an
//     answer has no "enabled", it tells a suspended instance by its absence
//     from the full listing (suspended instances are hidden from it).
//   - Suspension does not cascade: only the named instance is hidden from the
//     list. Suspend and reactivate are idempotent; reactivate on an active
//     instance answers enabled 1.
//   - convert sets is_consulting to false; converting a non-consulting (or an
//     already converted) instance → 400 invalid_request.
//   - mfa_type is required on PATCH /partner/instances/mfa; bad values → 400.
//
// Users
//   - id is a random UUID v4 and is the user_ref of GET /partner/users/info/{user_ref}.
//   - users/create: unknown or still-provisioning instance → 400
//     invalid_instance; a standard instance → 400 invalid_request. Usernames
//     are not unique and not validated.
//   - The user list includes disabled users (enabled "0").
//   - disable is idempotent; an unknown user_id → 400 invalid_request.
package cyrisma
