package cyrisma

import (
	"fmt"
	"time"
)

// Options configures the Cyrisma emulator. The zero value answers exactly
// as the reference documents (see the package documentation).
type Options struct {
	// TokenTTL returns the access-token lifetime, read each time a token is
	// minted; nil, or a function returning 0, means the 600 s default.
	TokenTTL func() time.Duration
	// ProvisioningDelay is how long a created instance stays invisible
	// (reads answer [] and writes answer invalid_instance) after creation.
	ProvisioningDelay time.Duration
	// ReportEnabled adds "enabled" (int: 1 active, 0 suspended) to every
	// instance of GET /partner/instances/info and /info/{instance_id}.
	// The reference's instance schema has no such field, so it is off by
	// default: a client then tells a suspended instance only by its absence
	// from the full listing, as it must against the real API. It is the
	// emulator's former behaviour, kept to test clients against an API
	// that would report it.
	ReportEnabled bool
	// Reactivate selects the path that serves "Reactivate Partner", on
	// which the sources disagree (see ReactivateRoute); the zero value is
	// the reference's PATCH /partner/instances/info.
	Reactivate ReactivateRoute
}

// ReactivateRoute names the path, or paths, at which the emulator serves
// reactivation. A path not served answers like any unknown route: PATCH
// /partner/instances/reactivate gets the ServeMux's 404, PATCH
// /partner/instances/info its 405 (GET is served there).
type ReactivateRoute string

// The reactivation routes.
const (
	// ReactivateAtInfo serves PATCH /partner/instances/info only, as the
	// reference's endpoint table says ("Reactivate Partner"); it is the
	// default, and "" means it too.
	ReactivateAtInfo ReactivateRoute = "info"
	// ReactivateAtReactivate serves PATCH /partner/instances/reactivate
	// only, as Cyrisma's OpenAPI document (operation ReactivateInstance)
	// says.
	ReactivateAtReactivate ReactivateRoute = "reactivate"
	// ReactivateAtBoth serves both paths.
	ReactivateAtBoth ReactivateRoute = "both"
)

// Paths of the two reactivation routes, under /partner.
const (
	pathReactivateInfo = "/instances/info"
	pathReactivate     = "/instances/reactivate"
)

// paths returns the paths (under /partner) that serve reactivation; it
// panics on a value that is not a ReactivateRoute constant.
func (r ReactivateRoute) paths() []string {
	switch r {
	case "", ReactivateAtInfo:
		return []string{pathReactivateInfo}
	case ReactivateAtReactivate:
		return []string{pathReactivate}
	case ReactivateAtBoth:
		return []string{pathReactivateInfo, pathReactivate}
	}
	panic(fmt.Sprintf("cyrisma emulator: unknown ReactivateRoute %q (want %q, %q or %q)", string(r), ReactivateAtInfo, ReactivateAtReactivate, ReactivateAtBoth))
}
