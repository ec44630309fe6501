package cryptr

import (
	"context"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

func TestPasswordConnectionLifecycle(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	domain := connTestOrg(ctx, t, c, "Well Agency")

	if _, err := c.GetPasswordConnection(ctx, domain); !httpclient.IsNotFound(err) {
		t.Fatalf("an organization has no password connection by default: err = %v", err)
	}
	in := PasswordConnectionInput{Active: true, PlainTextMinLength: 12, PlainTextMaxLength: 64, PepperRotationPeriod: 3600}
	created, err := c.CreatePasswordConnection(ctx, domain, in)
	if err != nil {
		t.Fatalf("CreatePasswordConnection: %v", err)
	}
	if created.ID == "" || !created.Active || created.PlainTextMinLength != 12 || created.PlainTextMaxLength != 64 ||
		created.PepperRotationPeriod != 3600 || created.ForgotPasswordTemplateID != nil || created.Domain != domain {
		t.Fatalf("created = %+v", created)
	}
	_, err = c.CreatePasswordConnection(ctx, domain, in)
	if apiErr, ok := httpclient.AsAPIError(err); !ok || apiErr.StatusCode != 422 || len(apiErr.FieldErrors["password_connection"]) == 0 {
		t.Fatalf("second create: err = %v, want 422 on password_connection", err)
	}

	in = PasswordConnectionInput{Active: false, PlainTextMinLength: 10, PlainTextMaxLength: 20, PepperRotationPeriod: 7200,
		ForgotPasswordTemplateID: "b653df01-b571-48c3-a630-6f1fddf5af31"}
	updated, err := c.UpdatePasswordConnection(ctx, domain, in)
	if err != nil || updated.Active || updated.PlainTextMaxLength != 20 || updated.PepperRotationPeriod != 7200 ||
		updated.ForgotPasswordTemplateID == nil || *updated.ForgotPasswordTemplateID != in.ForgotPasswordTemplateID || updated.ID != created.ID {
		t.Fatalf("UpdatePasswordConnection = %+v, %v", updated, err)
	}
	in.ForgotPasswordTemplateID = ""
	if cleared, err := c.UpdatePasswordConnection(ctx, domain, in); err != nil || cleared.ForgotPasswordTemplateID != nil {
		t.Fatalf("clearing the template = %+v, %v", cleared, err)
	}
	in.PlainTextMinLength = 30
	_, err = c.UpdatePasswordConnection(ctx, domain, in)
	if apiErr, ok := httpclient.AsAPIError(err); !ok || len(apiErr.FieldErrors["plain_text_max_length"]) == 0 {
		t.Fatalf("min > max: err = %v, want a field error on plain_text_max_length", err)
	}
	got, err := c.GetPasswordConnection(ctx, domain)
	if err != nil || got.PlainTextMinLength != 10 || got.Active {
		t.Fatalf("GetPasswordConnection = %+v, %v", got, err)
	}
}

func TestMagicLinkConnection(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	domain := connTestOrg(ctx, t, c, "Loirama")

	def, err := c.GetMagicLinkConnection(ctx, domain)
	if err != nil || !def.Active || def.FindOrCreateUser || def.SignInTemplateID != nil || def.ID == "" {
		t.Fatalf("default magic-link connection = %+v, %v", def, err)
	}
	in := MagicLinkConnectionInput{Active: false, FindOrCreateUser: true, SignInTemplateID: "b653df01-b571-48c3-a630-6f1fddf5af31"}
	got, err := c.UpdateMagicLinkConnection(ctx, domain, in)
	if err != nil || got.Active || !got.FindOrCreateUser || got.SignInTemplateID == nil || *got.SignInTemplateID != in.SignInTemplateID || got.ID != def.ID {
		t.Fatalf("UpdateMagicLinkConnection = %+v, %v", got, err)
	}
	got, err = c.UpdateMagicLinkConnection(ctx, domain, MagicLinkConnectionInput{Active: true})
	if err != nil || !got.Active || got.FindOrCreateUser || got.SignInTemplateID != nil {
		t.Fatalf("back to the defaults = %+v, %v", got, err)
	}
	if _, err := c.GetMagicLinkConnection(ctx, "no-such-org"); !httpclient.IsNotFound(err) {
		t.Fatalf("unknown organization: err = %v", err)
	}
}

func TestTOTPConnection(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t)
	c := newClient(t, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	domain := connTestOrg(ctx, t, c, "Loirama")

	def, err := c.GetTOTPConnection(ctx, domain)
	if err != nil || def.Active || def.Method != "totp_mobile_app" || def.ExpiryInSeconds != 30 || def.Domain != domain {
		t.Fatalf("default TOTP connection = %+v, %v", def, err)
	}
	got, err := c.UpdateTOTPConnection(ctx, domain, TOTPConnectionInput{Active: true, Method: "sms", ExpiryInSeconds: 600})
	if err != nil || !got.Active || got.Method != "sms" || got.ExpiryInSeconds != 600 {
		t.Fatalf("UpdateTOTPConnection = %+v, %v", got, err)
	}
	_, err = c.UpdateTOTPConnection(ctx, domain, TOTPConnectionInput{Active: true, Method: "sms", ExpiryInSeconds: 901})
	if apiErr, ok := httpclient.AsAPIError(err); !ok || len(apiErr.FieldErrors["expiry_in_seconds"]) == 0 {
		t.Fatalf("expiry 901: err = %v, want a field error on expiry_in_seconds", err)
	}
	if got, err := c.GetTOTPConnection(ctx, domain); err != nil || got.ExpiryInSeconds != 600 {
		t.Fatalf("GetTOTPConnection = %+v, %v", got, err)
	}
	// The documented update is a POST.
	if n := routeCount(ts, "POST /api/v2/org/{domain}/totp-connection"); n != 2 {
		t.Fatalf("POST totp-connection count = %d, want 2", n)
	}
}
