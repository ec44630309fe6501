package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// regionBlock returns a synerise block with the API key and the given region
// and api_url ("" for null, "?" for unknown).
func regionBlock(region, apiURL string) *syneriseBlock {
	value := func(v string) types.String {
		switch v {
		case "":
			return types.StringNull()
		case "?":
			return types.StringUnknown()
		}
		return types.StringValue(v)
	}
	return &syneriseBlock{Region: value(region), APIURL: value(apiURL), APIKey: types.StringValue("3d9f6b2e-1c4a-4e8b-a5f7-0b2c4d6e8f10")}
}

func TestSyneriseRegionResolution(t *testing.T) {
	const proxy = "https://synerise-proxy.example"
	tests := []struct {
		name      string
		env       map[string]string
		block     *syneriseBlock
		want      string
		wantError string
	}{
		{name: "default is azure", block: regionBlock("", ""), want: "https://api.synerise.com"},
		{name: "no block at all", env: map[string]string{envSyneriseAPIKey: "3d9f6b2e-1c4a-4e8b-a5f7-0b2c4d6e8f10"}, want: "https://api.synerise.com"},
		{name: "azure", block: regionBlock("azure", ""), want: "https://api.synerise.com"},
		{name: "azure_us", block: regionBlock("azure_us", ""), want: "https://api.azu.synerise.com"},
		{name: "gcp", block: regionBlock("gcp", ""), want: "https://api.geb.synerise.com"},
		{name: "env region", env: map[string]string{envSyneriseRegion: "gcp"}, block: regionBlock("", ""), want: "https://api.geb.synerise.com"},
		{name: "block region wins over env region", env: map[string]string{envSyneriseRegion: "gcp"}, block: regionBlock("azure_us", ""), want: "https://api.azu.synerise.com"},
		{name: "api_url overrides region in the block", block: regionBlock("gcp", proxy), want: proxy},
		{name: "env api_url overrides env region", env: map[string]string{envSyneriseRegion: "gcp", envSyneriseAPIURL: proxy}, block: regionBlock("", ""), want: proxy},
		{name: "block region wins over env api_url", env: map[string]string{envSyneriseAPIURL: proxy}, block: regionBlock("azure_us", ""), want: "https://api.azu.synerise.com"},
		{name: "block api_url wins over env region", env: map[string]string{envSyneriseRegion: "gcp"}, block: regionBlock("", proxy), want: proxy},
		{name: "bad env region names the variable", env: map[string]string{envSyneriseRegion: "aws"}, block: regionBlock("", ""),
			wantError: `SYNERISE_REGION must be one of "azure", "azure_us" or "gcp", got "aws"`},
		{name: "bad block region names the attribute", block: regionBlock("eu", ""), wantError: `synerise.region must be one of`},
		{name: "unknown region", block: regionBlock("?", ""), wantError: "synerise.region depends on a value that is not known"},
		{name: "unknown api_url", block: regionBlock("gcp", "?"), wantError: "synerise.api_url depends on a value that is not known"},
		{name: "plain http api_url", block: regionBlock("", "http://api.synerise.com"), wantError: "synerise.api_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg, err := resolveSynerise(tt.block)
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("want an error containing %q, got %v", tt.wantError, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.APIURL != tt.want {
				t.Fatalf("APIURL = %q, want %q", cfg.APIURL, tt.want)
			}
		})
	}
}

func TestSyneriseRegionNamesMatchTheValidator(t *testing.T) {
	if got := strings.Join(syneriseRegionNames(), ","); got != "azure,azure_us,gcp" {
		t.Fatalf("region names %q", got)
	}
	if quoteAll([]string{"a"}) != `"a"` || quoteAll([]string{"a", "b"}) != `"a" or "b"` {
		t.Fatal("quoteAll")
	}
}
