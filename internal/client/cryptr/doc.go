// Package cryptr is a client for the Cryptr Management API v2: API-key
// (client credentials) login and organizations. Requests are form-encoded as
// the official SDK sends them (lists as key[]=value); errors are decoded from
// the {"error":{"type","message","doc_urls"}} shape and its older variants.
package cryptr
