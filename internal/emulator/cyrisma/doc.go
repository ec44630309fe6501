// Package cyrisma is an in-memory emulator of the Cyrisma legacy Partner API
// (https://api.cyrisma.com/app), limited to authentication and provisioning.
// Register mounts it under "/app" on a ServeMux; it is safe for concurrent use.
//
// It follows the wire contract in notes/design-contract.md ("Cyrisma").
// "The reference" below is Cyrisma's public Partner API documentation: the
// endpoint table of its authentication guide, and its OpenAPI document for
// request and answer schemas. By default every answer carries exactly the
// fields the reference documents; the deliberate deviations are listed
// under "Deviations", the choices made where the reference is silent under
// the other headings.
//
// Deviations from the reference
//   - Plain HTTP is served (and HTTPS with the emulator's -tls), on any
//     host; the reference says the API accepts SSL connections only.
//   - Unknown paths and wrong methods get the ServeMux's own plain-text
//     404 or 405, not an ErrorJson body (the reference lists no 404 or 405).
//   - Answers the reference does not list (429, 503, dropped or held
//     connections, oversized or anonymous answers) come only from package
//     emulator's fault injection, when a test asks for them.
//   - Options.ReportEnabled (emulator.Options.CyrismaReportEnabled), off by
//     default, adds "enabled" (int: 1 active, 0 suspended) to every instance
//     of GET /partner/instances/info and /info/{instance_id}, which the
//     reference's instance schema (SubordinateInstanceInfoWithTree) does
//     not have. It is the emulator's former behaviour, kept only to test
//     clients against an API that would report a status.
//   - Options.Reactivate (emulator.Options.CyrismaReactivate) chooses where
//     "Reactivate Partner" is served. The sources disagree: the reference's
//     endpoint table says PATCH /partner/instances/info, the OpenAPI
//     document (operation ReactivateInstance) PATCH
//     /partner/instances/reactivate. The default, ReactivateAtInfo, serves
//     the table's path only (PATCH /partner/instances/reactivate then
//     answers 404); ReactivateAtReactivate serves the OpenAPI path only
//     (PATCH /partner/instances/info then answers 405, GET being served
//     there); ReactivateAtBoth serves both.
//
// Requests and errors
//   - Bodies are read as x-www-form-urlencoded whatever the Content-Type,
//     except that a Content-Type ending in "/json" or "+json", or a body whose
//     first non-blank byte is '{' or '[', is rejected with 400 invalid_request.
//     Query-string values are merged under body values (the body wins).
//   - Values are trimmed of surrounding white space.
//   - Missing required fields answer 400 invalid_request "<field>: is required",
//     checked in the documented field order; only the first problem is reported.
//   - Every route accepts its documented path; login, regen-pass,
//     instances/info and users/info also accept a trailing slash (the
//     reference writes login and instances/info with one, its table
//     without).
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
//   - Instances (listed or by id) carry exactly the reference's fields:
//     instance_id, name, short_name, parent_id, hierarchy, instance_type,
//     is_consulting, number_of_endpoints, url, tenant_id, agent_key, mfa.
//     There is no status: as the reference says, suspended instances are
//     left out of the full listing, and that is the only way to tell one
//     (unless Options.ReportEnabled, see Deviations).
//   - GET by id of a suspended instance (the reference is silent) answers
//     it like an active one, in an array of one.
//   - Suspension does not cascade: only the named instance is hidden from the
//     list. Suspend and reactivate are idempotent; reactivate on an active
//     instance answers enabled 1.
//   - The suspend answer is {"instanceID","name","enabled":0} and the
//     reactivate answer {"instance_id","name","enabled":1}: the fields of
//     the OpenAPI document's SuspendInstanceJson and ReactivateInstanceJson
//     (camel-case instanceID included); the values of enabled are not
//     documented.
//   - convert sets is_consulting to false and answers
//     {"instance_id","name","consulting_status":"converted"} (the values of
//     consulting_status are not documented); converting a non-consulting (or
//     an already converted) instance → 400 invalid_request.
//   - mfa_type is required on PATCH /partner/instances/mfa; bad values → 400.
//     The reference types its answer as an object with no fields listed: it
//     is {"instance_id","mfa"}.
//
// Users
//   - id is a random UUID v4 and is the user_ref of GET /partner/users/info/{user_ref}.
//   - users/create: unknown or still-provisioning instance → 400
//     invalid_instance; a standard instance → 400 invalid_request. Usernames
//     are not unique and not validated.
//   - The reference types the answers of users/info, users/info/{user_ref}
//     and users/disable as arrays of objects with no fields listed: each
//     user there has the fields of the users/create answer (id, username,
//     first_name, last_name, enabled "1"|"0", instance_id), and disable
//     answers an array of the one user.
//   - The user list includes disabled users (enabled "0").
//   - disable is idempotent; an unknown user_id → 400 invalid_request.
package cyrisma
