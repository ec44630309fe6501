package bench

import (
	"maps"
	"slices"
	"strings"
)

// Service is one of the three APIs the provider talks to.
type Service string

// The services, in report order.
const (
	Cryptr   Service = "cryptr"
	Cyrisma  Service = "cyrisma"
	Synerise Service = "synerise"
)

// Services lists the services in report order.
var Services = []Service{Cryptr, Cyrisma, Synerise}

// ServiceOf returns the service of an emulator route key ("METHOD /path"),
// by path prefix: /api/v2/ and /oauth/ are Cryptr, /app/ is Cyrisma,
// /uauth/ and /v4/ are Synerise. It returns "" for anything else
// ("unmatched").
func ServiceOf(route string) Service {
	_, path, _ := strings.Cut(route, " ")
	switch {
	case strings.HasPrefix(path, "/api/v2/"), strings.HasPrefix(path, "/oauth/"):
		return Cryptr
	case strings.HasPrefix(path, "/app/"):
		return Cyrisma
	case strings.HasPrefix(path, "/uauth/"), strings.HasPrefix(path, "/v4/"):
		return Synerise
	}
	return ""
}

// IsLogin reports whether a route key is a token request: Cryptr's
// "POST /api/v2/oauth/token" (or "/oauth/token"), Cyrisma's
// "POST /app/partner/login" (which also serves refresh-token grants, but not
// ".../login/regen-pass", a secret rotation), and Synerise's logins
// ("/uauth/auth/login/...", "/uauth/v2/auth/login/profile",
// "/v4/auth/login/profile") and token refresh ("/v4/auth/refresh/profile").
func IsLogin(route string) bool {
	method, path, _ := strings.Cut(route, " ")
	path = strings.TrimSuffix(path, "/{$}")
	switch ServiceOf(route) {
	case Cryptr:
		return method == "POST" && strings.HasSuffix(path, "/oauth/token")
	case Cyrisma:
		return method == "POST" && strings.HasSuffix(path, "/partner/login")
	case Synerise:
		return strings.Contains(path, "/auth/login/") || strings.Contains(path, "/auth/refresh/")
	}
	return false
}

// IsSessionLookup reports whether a route key is a per-process session
// request other than a login: Synerise's "GET /uauth/business-profile/current",
// which the client asks once per provider process to learn the workspace its
// token is scoped to (and caches, since the credentials decide it). Like a
// login, its number does not grow with the resources.
func IsSessionLookup(route string) bool {
	return route == "GET /uauth/business-profile/current"
}

// IsSharedListing reports whether a route key is Cyrisma's full listing of
// the structure, "GET /app/partner/instances/info" (or with a trailing
// slash). The API reports no status on instances: the client tells a
// suspended one by its absence from that listing, which it shares between
// all the reads of one provider process for cyrisma.ListingTTL. Its
// number grows with the duration of a refresh, not with the resources.
func IsSharedListing(route string) bool {
	return route == "GET /app/partner/instances/info" || route == "GET /app/partner/instances/info/{$}"
}

// Requests summarises the emulator's request counts for one command.
type Requests struct {
	// Total is every API request, logins included.
	Total int
	// Logins is the number of token requests per service.
	Logins map[Service]int
	// API is every request that is not a login.
	API int
	// Reads is the API requests with method GET.
	Reads int
	// Session is the per-process session look-ups (IsSessionLookup), which
	// are counted apart from the API requests, like logins.
	Session int
	// Listings is the Cyrisma shared listings (IsSharedListing), which are
	// counted in API and Reads too.
	Listings int
	// Unmatched is the requests that matched no emulator route.
	Unmatched int
	// Routes is the raw count per route key.
	Routes map[string]int
}

// Summarize classifies raw per-route counts.
func Summarize(routes map[string]int) Requests {
	r := Requests{Logins: map[Service]int{}, Routes: maps.Clone(routes)}
	if r.Routes == nil {
		r.Routes = map[string]int{}
	}
	for route, n := range routes {
		r.Total += n
		switch {
		case route == "unmatched":
			r.Unmatched += n
			r.API += n
		case IsLogin(route):
			r.Logins[ServiceOf(route)] += n
		case IsSessionLookup(route):
			r.Session += n
		default:
			r.API += n
			if strings.HasPrefix(route, "GET ") {
				r.Reads += n
			}
			if IsSharedListing(route) {
				r.Listings += n
			}
		}
	}
	return r
}

// SortedRoutes returns the route keys, most requested first (then by name).
func (r Requests) SortedRoutes() []string {
	keys := slices.Collect(maps.Keys(r.Routes))
	slices.SortFunc(keys, func(a, b string) int {
		if r.Routes[a] != r.Routes[b] {
			return r.Routes[b] - r.Routes[a]
		}
		return strings.Compare(a, b)
	})
	return keys
}
