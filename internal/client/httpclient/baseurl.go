package httpclient

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ValidateBaseURL parses raw and checks that it is an absolute http(s) URL
// that uses HTTPS unless its host is a loopback address. The returned URL has
// no trailing slash. attr names the setting in error messages.
func ValidateBaseURL(attr, raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("%s must be an absolute http(s) URL such as https://api.example.com, got %q", attr, raw)
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return "", fmt.Errorf("%s must use https:// (plain http is allowed only for loopback addresses such as 127.0.0.1 or localhost), got %q", attr, raw)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// IsLoopbackHost reports whether host is localhost or a loopback IP address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
