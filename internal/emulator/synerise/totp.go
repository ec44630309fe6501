package synerise

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// TOTP parameters (RFC 6238 defaults).
const (
	totpStep   = 30 * time.Second
	totpDigits = 6
	totpSkew   = 1 // steps accepted either side of the current one
)

// decodeSecret decodes a base32 secret, with or without padding, ignoring
// case and spaces.
func decodeSecret(secret string) ([]byte, error) {
	s := strings.ToUpper(strings.ReplaceAll(secret, " ", ""))
	s = strings.TrimRight(s, "=")
	return base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
}

// hotp computes the RFC 4226 code of key at counter.
func hotp(key []byte, counter uint64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%0*d", totpDigits, bin%1000000)
}

// totpCode returns the RFC 6238 code of a base32 secret at t.
func totpCode(secret string, t time.Time) (string, error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return "", err
	}
	return hotp(key, uint64(t.Unix())/uint64(totpStep/time.Second)), nil
}

// verifyTOTP reports whether code is valid for secret at t, accepting the
// previous and next time steps too.
func verifyTOTP(secret, code string, t time.Time) bool {
	key, err := decodeSecret(secret)
	if err != nil || len(code) != totpDigits {
		return false
	}
	counter := int64(t.Unix()) / int64(totpStep/time.Second)
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		if counter+d < 0 {
			continue
		}
		want := hotp(key, uint64(counter+d))
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return true
		}
	}
	return false
}
