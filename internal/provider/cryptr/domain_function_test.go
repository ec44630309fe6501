package cryptr

import "testing"

func TestDomainOf(t *testing.T) {
	for name, want := range map[string]string{
		"Acme":                  "acme",
		"Acme Industries, Inc.": "acme-industries-inc",
		"  --Globex__Corp--  ":  "globex-corp",
		"Café Crème 2":          "caf-cr-me-2",
		"ÉÉÉ":                   "",
		"Weeklymotion":          "weeklymotion",
		"Communitiz App":        "communitiz-app",
		"R&D / Lab 42 (EU)":     "r-d-lab-42-eu",
	} {
		if got := DomainOf(name); got != want {
			t.Errorf("DomainOf(%q) = %q, want %q", name, got, want)
		}
	}
}
