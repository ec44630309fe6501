package synerise

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
	emusynerise "github.com/tenantops/terraform-provider-tenant/internal/emulator/synerise"
)

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

func TestMFAUserUnattended(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c := newClient(mfaUserConfig(ts))
	ctx := context.Background()
	cur, err := c.GetCurrentWorkspace(ctx)
	if err != nil {
		t.Fatalf("GetCurrentWorkspace: %v", err)
	}
	if !cur.Selected || cur.Data == nil || cur.Data.GUID != emusynerise.WorkspaceUUID {
		t.Fatalf("current workspace %+v", cur)
	}
	list, err := c.ListWorkspaces(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("ListWorkspaces: %d, %v", len(list), err)
	}
	if r := routes(ts); r[routeUserLogin] != 1 || r[routeMFA] != 1 || r[routeSelect] != 1 || c.Logins() != 1 {
		t.Fatalf("routes %v, logins %d: want one login, one MFA verification, one selection", r, c.Logins())
	}
	// The secret is accepted with spaces and in lower case, as authenticator apps show it.
	cfg := mfaUserConfig(ts)
	cfg.MFATOTPSecret = strings.ToLower(cfg.MFATOTPSecret[:8] + " " + cfg.MFATOTPSecret[8:])
	if _, err := newClient(cfg).GetCurrentWorkspace(ctx); err != nil {
		t.Fatalf("secret with spaces and lower case: %v", err)
	}
}

func TestMFAUserWithoutSecret(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	cfg := mfaUserConfig(ts)
	cfg.MFATOTPSecret = ""
	_, err := newClient(cfg).GetCurrentWorkspace(context.Background())
	if !errors.Is(err, ErrMFASecretMissing) {
		t.Fatalf("err = %v, want ErrMFASecretMissing", err)
	}
	if !containsAll(err.Error(), "SYNERISE_MFA_TOTP_SECRET", "mfa_totp_secret", "TOTP_AUTHENTICATOR") {
		t.Fatalf("message %q should say how to configure the secret", err)
	}
	if r := routes(ts); r[routeMFA] != 0 {
		t.Fatalf("a verification was attempted without a secret: %v", r)
	}
}

func TestMFAWrongSecret(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	cfg := mfaUserConfig(ts)
	cfg.MFATOTPSecret = "JBSWY3DPEHPK3PXP" // valid base32, another secret
	_, err := newClient(cfg).GetCurrentWorkspace(context.Background())
	if err == nil || !containsAll(err.Error(), "refused the TOTP code", "SYNERISE_MFA_TOTP_SECRET") || !httpclient.HasStatus(err, http.StatusUnauthorized) {
		t.Fatalf("err = %v, want the refused-code explanation wrapping the 401", err)
	}
	if r := routes(ts); r[routeMFA] != 1 {
		t.Fatalf("the refused code was retried: %v", r)
	}

	cfg.MFATOTPSecret = "not base32 !!"
	_, err = newClient(cfg).GetCurrentWorkspace(context.Background())
	if err == nil || !strings.Contains(err.Error(), "not valid base32") {
		t.Fatalf("err = %v, want a base32 error", err)
	}
}

func TestMFAClockSkewIsExplained(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{})
	c := newClient(mfaUserConfig(ts))
	c.now = func() time.Time { return time.Now().Add(-10 * time.Minute) }
	_, err := c.GetCurrentWorkspace(context.Background())
	if err == nil || !strings.Contains(err.Error(), "clock") {
		t.Fatalf("err = %v, want the refused-code explanation mentioning the clock", err)
	}
}

func TestVerifyMFAOtherMethods(t *testing.T) {
	t.Parallel()
	c := newClient(Config{APIURL: "http://127.0.0.1:1", Username: "u", Password: "p", MFATOTPSecret: "JBSWY3DPEHPK3PXP"})
	_, err := c.verifyMFA(context.Background(), "pre-mfa", []string{"SMS", "EMAIL"})
	if err == nil || !containsAll(err.Error(), "SMS, EMAIL", "cannot be completed unattended", MFATOTPAuthenticator) {
		t.Fatalf("err = %v", err)
	}
}

func TestTOTPCode(t *testing.T) {
	t.Parallel()
	// RFC 6238 appendix B, SHA-1, secret ASCII "12345678901234567890"; the
	// 6-digit codes are the last six digits of the 8-digit vectors.
	const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	vectors := []struct {
		unix int64
		want string
	}{
		{59, "287082"},
		{1111111109, "081804"},
		{1111111111, "050471"},
		{1234567890, "005924"},
		{2000000000, "279037"},
		{20000000000, "353130"},
	}
	for _, v := range vectors {
		got, err := TOTPCode(secret, time.Unix(v.unix, 0))
		if err != nil || got != v.want {
			t.Errorf("TOTPCode at %d = %q, %v; want %q", v.unix, got, err, v.want)
		}
	}
	// Lower case, spaces and surrounding blanks are accepted.
	if got, err := TOTPCode(" gezd gnbv gy3t qojq gezd gnbv gy3t qojq ", time.Unix(59, 0)); err != nil || got != "287082" {
		t.Errorf("normalized secret: %q, %v", got, err)
	}
	// A secret whose length is not a multiple of 8 is padded.
	if _, err := TOTPCode("KRSW4YLOORHXA42FNV2WYYLUN5", time.Unix(59, 0)); err != nil {
		t.Errorf("unpadded secret: %v", err)
	}
	if _, err := TOTPCode("1189!", time.Unix(59, 0)); err == nil || !strings.Contains(err.Error(), "base32") {
		t.Errorf("invalid secret: err = %v", err)
	}
}
