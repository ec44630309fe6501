package synerise

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"time"
)

// Token realms (the rlm claim).
const (
	realmUser      = "user"
	realmWorkspace = "workspace"
)

// tokenKind is what a verified token may do.
type tokenKind int

// Token kinds, from least to most privileged user token, then workspace.
const (
	kindPreMFA        tokenKind = iota // user logged in, MFA not yet verified
	kindUser                           // fully authenticated user, no workspace
	kindUserWorkspace                  // fully authenticated user, workspace selected
	kindWorkspace                      // API-key (workspace) token
)

// claims is the JWT payload. exp, ctd, nme, rlm and uuid are the contract's
// claims; the rest are emulator-private.
type claims struct {
	Exp         int64  `json:"exp"`            // expiry, epoch seconds
	Ctd         int64  `json:"ctd"`            // creation, epoch milliseconds
	Nme         string `json:"nme"`            // consumer name (username or workspace name)
	Rlm         string `json:"rlm"`            // realm: "user" or "workspace"
	UUID        string `json:"uuid"`           // consumer UUID (user UUID or API key)
	JTI         string `json:"jti"`            // random token id
	UserID      int64  `json:"uid,omitempty"`  // user id (user tokens)
	MFAPending  bool   `json:"mfa,omitempty"`  // true on pre-MFA user tokens
	WorkspaceID string `json:"bpg,omitempty"`  // selected/owning workspace GUID
	BusinessID  int64  `json:"bpid,omitempty"` // selected/owning workspace id
}

// kind classifies c.
func (c claims) kind() tokenKind {
	switch {
	case c.Rlm == realmWorkspace:
		return kindWorkspace
	case c.MFAPending:
		return kindPreMFA
	case c.WorkspaceID != "":
		return kindUserWorkspace
	default:
		return kindUser
	}
}

// mint signs c with fresh ctd, exp (rounded up to a whole second, so the
// lifetime is never shorter than the TTL) and jti.
func (s *Service) mint(c claims) (string, error) {
	now := s.clock()
	c.Ctd = now.UnixMilli()
	exp := now.Add(s.tokenTTL())
	c.Exp = exp.Unix()
	if exp.Nanosecond() != 0 {
		c.Exp++
	}
	var id [12]byte
	_, _ = rand.Read(id[:])
	c.JTI = hex.EncodeToString(id[:])
	tok, err := s.signer.sign(c)
	if err == nil {
		s.secrets.Add(tok)
		s.tokensMinted.Add(1)
	}
	return tok, err
}

// authenticate verifies the Bearer token of r and checks that its kind is
// one of allowed. It answers 401 for a missing, invalid or expired token and
// 403 for a token of the wrong kind; ok reports whether to continue.
func (s *Service) authenticate(w http.ResponseWriter, r *http.Request, allowed ...tokenKind) (claims, bool) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	scheme, token, _ := strings.Cut(h, " ")
	token = strings.TrimSpace(token)
	if h == "" || !strings.EqualFold(scheme, "Bearer") || token == "" {
		fail(w, r, http.StatusUnauthorized, "Full authentication is required to access this resource")
		return claims{}, false
	}
	var c claims
	if err := s.signer.verify(token, &c); err != nil {
		fail(w, r, http.StatusUnauthorized, "JWT token is invalid")
		return claims{}, false
	}
	if !s.clock().Before(time.Unix(c.Exp, 0)) {
		fail(w, r, http.StatusUnauthorized, "JWT token has expired")
		return claims{}, false
	}
	k := c.kind()
	for _, a := range allowed {
		if a == k {
			return c, true
		}
	}
	fail(w, r, http.StatusForbidden, forbiddenMessage(k))
	return claims{}, false
}

// forbiddenMessage explains why a token of kind k was refused.
func forbiddenMessage(k tokenKind) string {
	switch k {
	case kindPreMFA:
		return "Multi-factor authentication must be confirmed first"
	case kindWorkspace:
		return "Wrong token scope: a user token is required"
	default:
		return "Wrong token scope for this operation"
	}
}
