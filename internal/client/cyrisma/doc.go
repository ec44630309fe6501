// Package cyrisma is a client for the Cyrisma (legacy) Partner API: password
// grant login with refresh tokens and the `Authorization: access_token …`
// header, and the instance provisioning lifecycle. Request bodies are
// form-encoded; errors are decoded from {"error","error_description"}.
package cyrisma
