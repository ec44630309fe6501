package provider

import (
	"os"
	"testing"
)

func TestQuietLogsUnlessAsked(t *testing.T) {
	for _, name := range logSwitches {
		t.Setenv(name, "")
	}
	QuietLogsUnlessAsked()
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_TENANT"} {
		if got := os.Getenv(name); got != "OFF" {
			t.Errorf("without TF_LOG, %s = %q, want OFF", name, got)
		}
	}

	for _, name := range logSwitches {
		t.Setenv(name, "")
	}
	t.Setenv("TF_LOG", "DEBUG")
	QuietLogsUnlessAsked()
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_TENANT"} {
		if got := os.Getenv(name); got != "" {
			t.Errorf("with TF_LOG=DEBUG, %s = %q, want it left unset", name, got)
		}
	}
}
