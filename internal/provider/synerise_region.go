package provider

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// syneriseRegions maps the region names of the synerise block to the API
// hosts Synerise documents for them (the official PHP SDK's environments).
var syneriseRegions = map[string]string{
	"azure":    "https://api.synerise.com",
	"azure_us": "https://api.azu.synerise.com",
	"gcp":      "https://api.geb.synerise.com",
}

// defaultSyneriseRegion is used when neither region nor api_url is set.
const defaultSyneriseRegion = "azure"

// defaultSyneriseAPIURL is the host of the default region.
var defaultSyneriseAPIURL = syneriseRegions[defaultSyneriseRegion]

// syneriseRegionNames returns the region names, sorted.
func syneriseRegionNames() []string {
	names := make([]string, 0, len(syneriseRegions))
	for name := range syneriseRegions {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// resolveSyneriseAPIURL returns the Synerise API URL. api_url overrides
// region at the same level, and the block wins over the environment:
// api_url in the block, then region in the block, then SYNERISE_API_URL,
// then SYNERISE_REGION, then the azure host.
func resolveSyneriseAPIURL(b *syneriseBlock) (string, error) {
	apiURL := resolve("synerise.api_url", envSyneriseAPIURL, str(b, func(b *syneriseBlock) types.String { return b.APIURL }), "")
	region := resolve("synerise.region", envSyneriseRegion, str(b, func(b *syneriseBlock) types.String { return b.Region }), defaultSyneriseRegion)
	switch {
	case apiURL.unknown:
		return "", apiURL.missingError()
	case apiURL.fromConfig:
		return apiURL.baseURL()
	case region.unknown:
		return "", region.missingError()
	case region.fromConfig:
		return region.regionURL()
	case apiURL.value != "":
		return apiURL.baseURL()
	}
	return region.regionURL()
}

// regionURL maps a region setting to its host, or explains the valid names.
func (s setting) regionURL() (string, error) {
	if url, ok := syneriseRegions[s.value]; ok {
		return url, nil
	}
	source := s.attr
	if !s.fromConfig {
		source = s.env
	}
	return "", fmt.Errorf("%s must be one of %s, got %q", source, quoteAll(syneriseRegionNames()), s.value)
}

// quoteAll renders names as "a", "b" or "c".
func quoteAll(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}
