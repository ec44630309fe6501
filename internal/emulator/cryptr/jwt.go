package cryptr

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
)

// tokenScopes is the space-separated scope string put in the "scp" claim.
const tokenScopes = "read:organizations create:organizations update:organizations delete:organizations"

type jwtHeader struct {
	Typ string `json:"typ"`
	Alg string `json:"alg"`
	Kid string `json:"kid"`
	Iss string `json:"iss"`
}

// claims is the payload of an API-key access token.
type claims struct {
	Iss  string `json:"iss"`
	Sub  string `json:"sub"`
	Cid  string `json:"cid"`
	Env  string `json:"env"`
	Org  string `json:"org"`
	Type string `json:"type"`
	Jti  string `json:"jti"`
	Iat  int64  `json:"iat"`
	Exp  int64  `json:"exp"`
	Scp  string `json:"scp"`
}

var b64 = base64.RawURLEncoding

// mintToken returns a signed HS256 JWT for key, issued by issuer.
func (s *Service) mintToken(key apiKey, issuer string) string {
	iat := s.now().Unix()
	h, _ := json.Marshal(jwtHeader{Typ: "JWT", Alg: "HS256", Kid: s.kid, Iss: issuer})
	c, _ := json.Marshal(claims{
		Iss: issuer, Sub: key.clientID, Cid: key.clientID, Env: key.env,
		Org: accountDomain, Type: "api_v2", Jti: randomHex(16),
		Iat: iat, Exp: iat + s.tokenTTL(), Scp: tokenScopes,
	})
	signingInput := b64.EncodeToString(h) + "." + b64.EncodeToString(c)
	tok := signingInput + "." + b64.EncodeToString(s.sign(signingInput))
	s.secrets.Add(tok)
	s.tokensMinted.Add(1)
	return tok
}

func (s *Service) sign(input string) []byte {
	m := hmac.New(sha256.New, s.signingKey)
	m.Write([]byte(input))
	return m.Sum(nil)
}

// verifyToken checks the signature, the header, the account and expiry
// (a token is rejected once now >= exp).
func (s *Service) verifyToken(tok string) (claims, error) {
	var c claims
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return c, errors.New("malformed token")
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, s.sign(parts[0]+"."+parts[1])) {
		return c, errors.New("invalid token signature")
	}
	var h jwtHeader
	if err := decodeSegment(parts[0], &h); err != nil || h.Alg != "HS256" {
		return c, errors.New("malformed token header")
	}
	if err := decodeSegment(parts[1], &c); err != nil {
		return c, errors.New("malformed token payload")
	}
	if c.Type != "api_v2" || c.Org != accountDomain {
		return c, errors.New("token not valid for this account")
	}
	if s.now().Unix() >= c.Exp {
		return c, errors.New("token expired")
	}
	return c, nil
}

func decodeSegment(seg string, v any) error {
	raw, err := b64.DecodeString(seg)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
