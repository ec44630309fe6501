package emulator

import (
	"strings"
	"time"
)

// Services, as rate-limit windows are kept: one window per vendor.
const (
	serviceCryptr   = "cryptr"
	serviceCyrisma  = "cyrisma"
	serviceSynerise = "synerise"
	serviceOther    = "other"
)

// servicePrefixes maps path prefixes to the service they belong to.
var servicePrefixes = []struct{ prefix, service string }{
	{"/api/v2/", serviceCryptr},
	{"/oauth/", serviceCryptr},
	{"/app/", serviceCyrisma},
	{"/uauth/", serviceSynerise},
	{"/v4/", serviceSynerise},
}

// serviceOf names the service a request path belongs to: Cryptr
// (/api/v2/..., /oauth/...), Cyrisma (/app/...), Synerise (/uauth/...,
// /v4/...), else "other".
func serviceOf(path string) string {
	for _, p := range servicePrefixes {
		if strings.HasPrefix(path, p.prefix) || path == strings.TrimSuffix(p.prefix, "/") {
			return p.service
		}
	}
	return serviceOther
}

// rateWindow is one fixed one-second rate-limit window.
type rateWindow struct {
	start time.Time
	count int
}

// overLimit records one request of service in its current one-second window
// (which starts at the first request after the previous window ended) and
// reports whether it exceeds the limit.
func (fi *faultInjector) overLimit(service string, now time.Time) bool {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	limit := fi.faults.RateLimitPerSecond
	if limit <= 0 {
		return false
	}
	win := fi.windows[service]
	if win == nil {
		win = &rateWindow{}
		fi.windows[service] = win
	}
	if win.start.IsZero() || now.Sub(win.start) >= time.Second {
		win.start, win.count = now, 0
	}
	win.count++
	return win.count > limit
}
