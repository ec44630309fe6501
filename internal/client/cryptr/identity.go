package cryptr

import "github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"

// The Identity methods name each object's identifying field, so that
// httpclient.Client.Do rejects a 2xx answer without it (a broken proxy, a
// hostile server) before anything reaches the state. An answer that says
// the object is gone carries no id by design: it is given a placeholder
// identity here, and getLive turns it into a not-found error.

// goneIdentity stands for the identity of an answer about a deleted object.
const goneIdentity = "(deleted)"

var (
	_ httpclient.Identified      = (*Organization)(nil)
	_ httpclient.IdentityChecker = (*page[Organization])(nil)
)

// Identity returns the organization's domain.
func (o *Organization) Identity() (string, string) { return "domain", o.Domain }

// Identity returns the admin's id.
func (a *Admin) Identity() (string, string) { return "id", a.ID }

// Identity returns the user's id.
func (u *User) Identity() (string, string) { return "id", u.ID }

// Identity returns the webhook's id (a placeholder in a deleted answer).
func (w *Webhook) Identity() (string, string) { return "id", orGone(w.ID, w.Deleted) }

// Identity returns the redirect URI's id.
func (r *RedirectURI) Identity() (string, string) { return "id", r.ID }

// Identity returns the SSO connection's id.
func (s *SSOConnection) Identity() (string, string) { return "id", s.ID }

// Identity returns the directory sync's id (a placeholder in a deleted or
// NoResult answer).
func (d *DirectorySync) Identity() (string, string) {
	return "id", orGone(d.ID, d.Deleted || d.Type == noResultType)
}

// Identity returns the password connection's id (a placeholder in a
// deleted answer).
func (p *PasswordConnection) Identity() (string, string) {
	return "id", orGone(p.ID, p.Deleted || p.Type == noResultType)
}

// MissingIdentity checks every object of a list page.
func (p *page[T]) MissingIdentity() (string, bool) { return httpclient.FirstMissingIdentity(p.Data) }

// orGone returns id, or the placeholder when the answer says the object is gone.
func orGone(id string, gone bool) string {
	if gone && id == "" {
		return goneIdentity
	}
	return id
}
