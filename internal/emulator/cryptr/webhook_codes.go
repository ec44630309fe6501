package cryptr

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// webhookEventCodes are the concrete event codes a webhook may subscribe to:
// the documented list, the later-added group membership codes, and the
// codes that only appear in the reference samples.
var webhookEventCodes = []string{
	"sso_saml.approved_authorization",
	"sso_saml.success_signup",
	"sso_saml.end_user_saml_started",
	"sso_saml.end_user_saml_success",
	"sso_saml.end_user_logout_success",
	"sso_saml.end_user_saml_failure",
	"sso_saml.tokens_generated",
	"sso_saml.end_user_signup_success",
	"sso_saml.user.jit_provision.success",
	"sso_saml.user.update.success",
	"dir_sync.activate.success",
	"dir_sync.deactivate.success",
	"dir_sync.user.provision.success",
	"dir_sync.user.provision.fail",
	"dir_sync.user.update.success",
	"dir_sync.user.update.fail",
	"dir_sync.user.deprovision.success",
	"dir_sync.user.deprovision.fail",
	"dir_sync.user.create.success",
	"dir_sync.group.provision.success",
	"dir_sync.group.provision.fail",
	"dir_sync.group.update.success",
	"dir_sync.group.update.fail",
	"dir_sync.group.deprovision.success",
	"dir_sync.group.deprovision.fail",
	"dir_sync.group.users_added.success",
	"dir_sync.group.users_added.fail",
	"dir_sync.group.users_removed.success",
	"dir_sync.group.users_removed.fail",
}

// webhookWildcards subscribe to every code, every SSO SAML code, or every
// directory-sync code.
var webhookWildcards = []string{"all", "sso_saml.all", "dir_sync.all"}

// webhookKnownCode reports whether code is a concrete event code.
func webhookKnownCode(code string) bool { return slices.Contains(webhookEventCodes, code) }

// webhookSubscribes reports whether a webhook with codes receives events of code.
func webhookSubscribes(codes []string, code string) bool {
	for _, c := range codes {
		switch {
		case c == code, c == "all":
			return true
		case c == "sso_saml.all" && strings.HasPrefix(code, "sso_saml."),
			c == "dir_sync.all" && strings.HasPrefix(code, "dir_sync."):
			return true
		}
	}
	return false
}

// webhookReadCodes validates event_codes[] (or a bare event_codes); it returns
// the codes without duplicates, whether the key was present, and the 422
// messages.
func webhookReadCodes(p params, required bool) ([]string, bool, []string) {
	raw, ok := p.list("event_codes")
	if !ok && !required {
		return nil, false, nil
	}
	if len(raw) == 0 {
		return nil, ok, []string{"can't be blank"}
	}
	var codes, problems []string
	for _, c := range raw {
		if !webhookKnownCode(c) && !slices.Contains(webhookWildcards, c) {
			problems = append(problems, fmt.Sprintf("%q is not a known event code", c))
			continue
		}
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	return codes, true, problems
}

// webhookValidURL accepts absolute http(s) URLs with a host.
func webhookValidURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" || strings.ContainsAny(raw, " \t\r\n") {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}
