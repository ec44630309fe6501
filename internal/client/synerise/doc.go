// Package synerise is a client for the Synerise authorization and workspace
// (business profile) API. It authenticates in one of two modes: a workspace
// API key, or a user login followed, when the account asks for it, by a TOTP
// multi-factor verification computed from the shared secret, and by the
// selection of a workspace. It never depends on reading a token's claims (a
// workspace may encrypt them): it uses `exp` only when it is readable.
package synerise
