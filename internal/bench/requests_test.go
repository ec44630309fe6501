package bench

import (
	"reflect"
	"testing"
	"time"
)

func TestClassifyRoutes(t *testing.T) {
	for _, tc := range []struct {
		route   string
		service Service
		login   bool
	}{
		{"POST /api/v2/oauth/token", Cryptr, true},
		{"POST /oauth/token", Cryptr, true},
		{"GET /api/v2/organizations/{domain}", Cryptr, false},
		{"POST /app/partner/login", Cyrisma, true},
		{"POST /app/partner/login/{$}", Cyrisma, true},
		{"POST /app/partner/login/regen-pass", Cyrisma, false},
		{"GET /app/partner/instances/info/{instance_id}", Cyrisma, false},
		{"POST /uauth/v2/auth/login/profile", Synerise, true},
		{"POST /v4/auth/login/profile", Synerise, true},
		{"GET /v4/auth/refresh/profile", Synerise, true},
		{"POST /uauth/auth/login/user/mfa/verification", Synerise, true},
		{"GET /uauth/business-profile/current", Synerise, false},
		{"unmatched", "", false},
	} {
		if got := ServiceOf(tc.route); got != tc.service {
			t.Errorf("ServiceOf(%q) = %q, want %q", tc.route, got, tc.service)
		}
		if got := IsLogin(tc.route); got != tc.login {
			t.Errorf("IsLogin(%q) = %v, want %v", tc.route, got, tc.login)
		}
	}
}

func TestSummarize(t *testing.T) {
	r := Summarize(map[string]int{
		"POST /api/v2/oauth/token":              2,
		"GET /api/v2/organizations/{domain}":    100,
		"DELETE /api/v2/organizations/{domain}": 100,
		"POST /app/partner/login":               1,
		"unmatched":                             3,
	})
	if r.Total != 206 || r.API != 203 || r.Reads != 100 || r.Unmatched != 3 {
		t.Errorf("Summarize = %+v", r)
	}
	if want := map[Service]int{Cryptr: 2, Cyrisma: 1}; !reflect.DeepEqual(r.Logins, want) {
		t.Errorf("logins = %v, want %v", r.Logins, want)
	}
	if got := r.SortedRoutes(); got[0] != "DELETE /api/v2/organizations/{domain}" || got[len(got)-1] != "POST /app/partner/login" {
		t.Errorf("SortedRoutes = %v", got)
	}
	if empty := Summarize(nil); empty.Routes == nil || empty.Total != 0 {
		t.Errorf("Summarize(nil) = %+v", empty)
	}
}

func TestReadDeviations(t *testing.T) {
	exact := Summarize(map[string]int{"POST /api/v2/oauth/token": 1, readRoutes.org: 10})
	if got := ReadDeviations(WorkloadCryptrOrgs, 10, exact); got != nil {
		t.Errorf("exact reads: %v", got)
	}
	m := MixFor(100)
	mixed := Summarize(map[string]int{
		readRoutes.org: m.CryptrOrgs, readRoutes.webhook: m.CryptrWebhooks, readRoutes.instance: m.CyrismaInstances,
		readRoutes.user: m.CyrismaUsers - 1, readRoutes.allowlist: 1, "GET /uauth/business-profile/current": 1,
		"POST /uauth/v2/auth/login/profile": 1,
	})
	// The session look-up is per process, like a login: not a deviation.
	want := []string{"`GET /app/partner/users/info/{user_ref}` ×1 missing"}
	if got := ReadDeviations(WorkloadMixed, 100, mixed); !reflect.DeepEqual(got, want) {
		t.Errorf("ReadDeviations = %q, want %q", got, want)
	}
	if mixed.Session != 1 || mixed.Reads != m.CryptrOrgs+m.CryptrWebhooks+m.CyrismaInstances+m.CyrismaUsers {
		t.Errorf("Session = %d, Reads = %d: the session look-up must be counted apart", mixed.Session, mixed.Reads)
	}
	extra := Summarize(map[string]int{readRoutes.org: 10, readRoutes.webhook: 1})
	if got := ReadDeviations(WorkloadCryptrOrgs, 10, extra); len(got) != 1 {
		t.Errorf("an extra read must be a deviation: %q", got)
	}
	none := Summarize(map[string]int{})
	if got := ReadDeviations(WorkloadCryptrOrgs, 3, none); len(got) != 1 {
		t.Errorf("no reads at all: %q", got)
	}
}

func TestSharedListings(t *testing.T) {
	m := MixFor(100)
	routes := map[string]int{
		readRoutes.org: m.CryptrOrgs, readRoutes.webhook: m.CryptrWebhooks, readRoutes.instance: m.CyrismaInstances,
		readRoutes.user: m.CyrismaUsers, readRoutes.allowlist: 1, "GET /app/partner/instances/info": 1,
	}
	req := Summarize(routes)
	if req.Listings != 1 || req.Reads != m.Total()+1 {
		t.Errorf("Listings = %d, Reads = %d: the shared listing is a read, counted apart too", req.Listings, req.Reads)
	}
	if got := ReadDeviations(WorkloadMixed, 100, req); got != nil {
		t.Errorf("a shared listing is not a per-resource deviation: %q", got)
	}
	if got := ListingDeviation(WorkloadMixed, 100, PhasePlan, time.Second, req); got != "" {
		t.Errorf("one listing in a 1 s refresh: %q", got)
	}
	// One listing per instance (no sharing) is a deviation.
	routes["GET /app/partner/instances/info"] = m.CyrismaInstances
	if got := ListingDeviation(WorkloadMixed, 100, PhasePlan, time.Second, Summarize(routes)); got == "" {
		t.Error("a listing per instance must be a deviation")
	}
	if MaxSharedListings(WorkloadCryptrOrgs, 100, PhasePlan, time.Minute) != 0 {
		t.Error("an estate without Cyrisma instances needs no listing")
	}
}
