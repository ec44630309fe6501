package synerise

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// jwtHeader is the fixed RS512 JOSE header, base64url-encoded.
var jwtHeader = b64([]byte(`{"alg":"RS512","typ":"JWT"}`))

// errBadToken reports a token that is malformed or badly signed.
var errBadToken = errors.New("invalid token")

// b64 is unpadded base64url.
func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// signer signs and verifies RS512 JWTs with one RSA key.
type signer struct {
	key *rsa.PrivateKey
}

// newSigner generates a fresh RSA 2048 key.
func newSigner() *signer {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("synerise: generating RSA key: " + err.Error())
	}
	return &signer{key: key}
}

// sign returns the compact JWS of payload.
func (s *signer) sign(payload any) (string, error) {
	body, err := json.Marshal(payload)
	if err != nil {
		return "", err
	}
	input := jwtHeader + "." + b64(body)
	sum := sha512.Sum512([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, s.key, crypto.SHA512, sum[:])
	if err != nil {
		return "", err
	}
	return input + "." + b64(sig), nil
}

// verify checks token's header and signature and decodes its payload into v.
func (s *signer) verify(token string, v any) error {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return errBadToken
	}
	hdr, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return errBadToken
	}
	var h struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(hdr, &h) != nil || h.Alg != "RS512" {
		return errBadToken
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return errBadToken
	}
	sum := sha512.Sum512([]byte(parts[0] + "." + parts[1]))
	if rsa.VerifyPKCS1v15(&s.key.PublicKey, crypto.SHA512, sum[:], sig) != nil {
		return errBadToken
	}
	body, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || json.Unmarshal(body, v) != nil {
		return errBadToken
	}
	return nil
}
