// Package cyrisma is a client for the Cyrisma (legacy) Partner API: password
// grant login with refresh tokens and the `Authorization: access_token …`
// header, and the instance provisioning lifecycle. Request bodies are
// form-encoded; errors are decoded from {"error","error_description"}.
//
// The API reports no status on instances: a suspended instance is one that
// the full listing (GET /partner/instances/info) leaves out. GetInstance
// reads the instance by id and tells its suspension from one full listing
// that a Client shares between all its reads for ListingTTL (single flight,
// discarded by the client's own creates, suspensions and reactivations), so
// a refresh of N instances costs N reads by id and about one listing. The
// reactivation path is ambiguous in the sources: ReactivateInstance tries
// /partner/instances/reactivate, falls back to /partner/instances/info on a
// 404 or 405, and remembers the one that worked.
package cyrisma
