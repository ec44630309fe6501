package cryptr

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// handleToken serves POST /api/v2/oauth/token and POST /oauth/token: the
// client_credentials grant that turns an API key into an access token.
func (s *Service) handleToken(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	clientID, _ := p.str("client_id")
	secret, _ := p.str("client_secret")
	grant, _ := p.str("grant_type")
	tenant, _ := p.first("tenant_domain", "domain", "audience")
	var missing []string
	for _, f := range []struct{ name, val string }{
		{"client_id", clientID}, {"client_secret", secret},
		{"grant_type", grant}, {"tenant_domain", tenant},
	} {
		if f.val == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		writeError(w, http.StatusBadRequest, "invalid_request",
			"missing required parameter(s): "+strings.Join(missing, ", "))
		return
	}
	if grant != "client_credentials" {
		writeError(w, http.StatusBadRequest, "unsupported_grant_type",
			"grant_type must be client_credentials")
		return
	}
	key, ok := lookupKey(clientID, secret)
	if !ok || tenant != accountDomain {
		writeError(w, http.StatusUnauthorized, "invalid_client",
			"unknown client_id, wrong client_secret or wrong tenant domain")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	httpjson.Write(w, http.StatusOK, map[string]string{
		"access_token": s.mintToken(key, issuer(r)),
	})
}

func lookupKey(clientID, secret string) (apiKey, bool) {
	for _, k := range apiKeys {
		if k.clientID == clientID && subtle.ConstantTimeCompare([]byte(k.secret), []byte(secret)) == 1 {
			return k, true
		}
	}
	return apiKey{}, false
}

// issuer is "<base>/t/<account>", the base being taken from the request.
func issuer(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/t/" + accountDomain
}

// authenticated wraps h so that it only runs with a valid Bearer token.
func (s *Service) authenticated(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		tok = strings.TrimSpace(tok)
		if !strings.EqualFold(scheme, "Bearer") || tok == "" {
			writeError(w, http.StatusUnauthorized, "unauthorized", "missing Bearer access token")
			return
		}
		c, err := s.verifyToken(tok)
		if err != nil {
			writeError(w, http.StatusUnauthorized, "unauthorized", err.Error())
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), envKey{}, c.Env)))
	})
}

// envKey is the request-context key of the calling API key's environment.
type envKey struct{}

// apiEnv returns the environment ("sandbox" or "production") of the API key
// that authenticated r. Environment-scoped objects (directory syncs,
// webhooks, webhook events, redirect URIs, users) live in it.
func apiEnv(r *http.Request) string {
	env, _ := r.Context().Value(envKey{}).(string)
	return env
}
