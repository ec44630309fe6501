package cryptr

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantops/terraform-provider-tenant/internal/client/cryptr"
)

func TestPasswordLengthsValid(t *testing.T) {
	null, unknown := types.Int64Null(), types.Int64Unknown()
	for _, tc := range []struct {
		min, max types.Int64
		want     bool
	}{
		{null, null, true},                                 // 8 < 40
		{types.Int64Value(39), null, true},                 // 39 < 40
		{types.Int64Value(40), null, false},                // 40 = the default max
		{null, types.Int64Value(8), false},                 // the default min = 8
		{types.Int64Value(10), types.Int64Value(9), false}, // min > max
		{types.Int64Value(10), types.Int64Value(11), true}, // min < max
		{unknown, types.Int64Value(2), true},               // decided at apply
		{types.Int64Value(100), unknown, true},             // decided at apply
	} {
		if got := passwordLengthsValid(tc.min, tc.max); got != tc.want {
			t.Errorf("passwordLengthsValid(%v, %v) = %v, want %v", tc.min, tc.max, got, tc.want)
		}
	}
}

func TestPasswordConnectionRoundTrip(t *testing.T) {
	tpl := "b653df01-b571-48c3-a630-6f1fddf5af31"
	m := flattenPasswordConnection("acme", &cryptr.PasswordConnection{
		ID: "pc", Active: true, PlainTextMinLength: 10, PlainTextMaxLength: 64, PepperRotationPeriod: 3600, ForgotPasswordTemplateID: &tpl,
	})
	in := expandPasswordConnection(m)
	want := cryptr.PasswordConnectionInput{Active: true, PlainTextMinLength: 10, PlainTextMaxLength: 64, PepperRotationPeriod: 3600, ForgotPasswordTemplateID: tpl}
	if in != want {
		t.Fatalf("expand(flatten(x)) = %+v, want %+v", in, want)
	}
	empty := ""
	if m := flattenPasswordConnection("acme", &cryptr.PasswordConnection{ForgotPasswordTemplateID: &empty}); !m.ForgotPasswordTemplateID.IsNull() {
		t.Fatalf("an empty template id must be null, got %v", m.ForgotPasswordTemplateID)
	}
	if passwordConnectionDefaults.Active || passwordConnectionDefaults.PlainTextMinLength != 8 || passwordConnectionDefaults.PlainTextMaxLength != 40 {
		t.Fatalf("destroy must deactivate and restore the defaults: %+v", passwordConnectionDefaults)
	}
}
