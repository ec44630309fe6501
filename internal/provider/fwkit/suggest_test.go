package fwkit

import "testing"

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"okta", "okta", 0}, {"okat", "okta", 1}, {"okta", "", 4}, {"", "adfs", 4},
		{"azuread", "azure_ad", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3}, {"onelgoin", "onelogin", 1},
	} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestSuggestSSOProviderTypes(t *testing.T) {
	for value, want := range map[string]string{
		"saml.okat":          "saml.okta",
		"saml.otka":          "saml.okta",
		"okta":               "saml.okta",
		"oauth.okta":         "saml.okta",
		"SAML.OKTA":          "saml.okta",
		"saml.azure-ad":      "saml.azure_ad",
		"saml.azuread":       "saml.azure_ad",
		"azure_ad":           "saml.azure_ad",
		"saml.pingone":       "saml.ping_one",
		"saml.ping-federate": "saml.ping_federate",
		"saml.auth":          "saml.auth0",
		"saml.one_login":     "saml.onelogin",
		"saml.costum":        "saml.custom",
		"unsett":             "unset",
		// Too far from every type: no guess.
		"none":        "",
		"saml.google": "",
		"saml.ping":   "",
		"":            "",
		"saml.":       "",
	} {
		if got := Suggest(value, SSOProviderTypes); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", value, got, want)
		}
	}
}
