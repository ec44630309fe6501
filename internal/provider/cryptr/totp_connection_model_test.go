package cryptr

import (
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
)

func TestTOTPAndMagicLinkModels(t *testing.T) {
	m := flattenTOTPConnection("acme", &cryptr.TOTPConnection{Active: true, Method: "sms", ExpiryInSeconds: 600})
	if m.ID.ValueString() != "acme" || expandTOTPConnection(m) != (cryptr.TOTPConnectionInput{Active: true, Method: "sms", ExpiryInSeconds: 600}) {
		t.Fatalf("TOTP model %+v", m)
	}
	if totpConnectionDefaults != (cryptr.TOTPConnectionInput{Active: false, Method: "totp_mobile_app", ExpiryInSeconds: 30}) {
		t.Fatalf("TOTP defaults %+v", totpConnectionDefaults)
	}
	tpl := "b653df01-b571-48c3-a630-6f1fddf5af31"
	ml := flattenMagicLinkConnection("acme", &cryptr.MagicLinkConnection{ID: "ml", Active: false, FindOrCreateUser: true, SignInTemplateID: &tpl})
	if expandMagicLinkConnection(ml) != (cryptr.MagicLinkConnectionInput{Active: false, FindOrCreateUser: true, SignInTemplateID: tpl}) {
		t.Fatalf("magic-link model %+v", ml)
	}
	if magicLinkConnectionDefaults != (cryptr.MagicLinkConnectionInput{Active: true}) {
		t.Fatalf("magic-link defaults %+v", magicLinkConnectionDefaults)
	}
}
