package synerise

import (
	"testing"
	"time"
)

func TestTOTPVectors(t *testing.T) {
	// RFC 6238 appendix B (SHA1 seed "12345678901234567890"), last 6 digits.
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	for _, tc := range []struct {
		unix int64
		code string
	}{
		{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"},
		{1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
	} {
		got, err := totpCode(secret, time.Unix(tc.unix, 0))
		if err != nil || got != tc.code {
			t.Errorf("t=%d: got %q (%v), want %s", tc.unix, got, err, tc.code)
		}
	}
}

func TestVerifyTOTPSkew(t *testing.T) {
	now := time.Unix(1700000000, 0)
	for _, tc := range []struct {
		offset time.Duration
		ok     bool
	}{{0, true}, {-30 * time.Second, true}, {30 * time.Second, true}, {-60 * time.Second, false}, {90 * time.Second, false}} {
		code, _ := totpCode(MFATOTPSecret, now.Add(tc.offset))
		if got := verifyTOTP(MFATOTPSecret, code, now); got != tc.ok {
			t.Errorf("offset %v: got %v", tc.offset, got)
		}
	}
	if verifyTOTP(MFATOTPSecret, "12345", now) || verifyTOTP("!!", "123456", now) {
		t.Error("malformed input accepted")
	}
}
