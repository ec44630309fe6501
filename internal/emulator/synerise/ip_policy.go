package synerise

import (
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// ipPolicy is the body and the answer of GET / POST
// /uauth/settings/user-bp-ip-policy.
type ipPolicy struct {
	Enabled              bool     `json:"enabled"`
	EnableSupportSubnets bool     `json:"enableSupportSubnets"`
	IPPolicy             []string `json:"ipPolicy"`
}

// ipPolicyRequest is a POST body: pointers tell a missing field from a zero one.
type ipPolicyRequest struct {
	Enabled              *bool    `json:"enabled"`
	EnableSupportSubnets *bool    `json:"enableSupportSubnets"`
	IPPolicy             []string `json:"ipPolicy"`
}

// ipPolicies holds the IP policy of each workspace; its zero value is ready
// to use and every workspace starts with the default (off, empty) policy.
type ipPolicies struct {
	mu     sync.Mutex
	byGUID map[string]ipPolicy // keyed by lowercase workspace GUID
}

// get returns a copy of the policy of workspace guid.
func (p *ipPolicies) get(guid string) ipPolicy {
	p.mu.Lock()
	defer p.mu.Unlock()
	pol, ok := p.byGUID[strings.ToLower(guid)]
	if !ok {
		return ipPolicy{IPPolicy: []string{}}
	}
	pol.IPPolicy = slices.Clone(pol.IPPolicy)
	return pol
}

// set replaces the policy of workspace guid.
func (p *ipPolicies) set(guid string, pol ipPolicy) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byGUID == nil {
		p.byGUID = map[string]ipPolicy{}
	}
	pol.IPPolicy = slices.Clone(pol.IPPolicy)
	p.byGUID[strings.ToLower(guid)] = pol
}

// ipRestricted reports whether ws restricts access by IP: its seeded flag or
// an enabled IP policy.
func (s *Service) ipRestricted(ws workspace) bool {
	return ws.ipRestricted || s.ipPolicies.get(ws.guid).Enabled
}

// fieldError is one element of the errors array of a validation error.
type fieldError struct {
	Field         string `json:"field"`
	Message       string `json:"message"`
	RejectedValue any    `json:"rejectedValue"`
}

// validationErrorBody is the HTTP400 shape: the error body plus errors[].
type validationErrorBody struct {
	errorBody
	Errors []fieldError `json:"errors"`
}

// validIPEntry reports whether v is an IPv4 or IPv6 address or CIDR block
// (without a zone).
func validIPEntry(v string) bool {
	if strings.Contains(v, "%") {
		return false
	}
	if _, err := netip.ParseAddr(v); err == nil {
		return true
	}
	_, err := netip.ParsePrefix(v)
	return err == nil
}

// workspaceOf authenticates r with a token scoped to a workspace (an API-key
// token, or a user token after workspace selection) and returns its GUID.
func (s *Service) workspaceOf(w http.ResponseWriter, r *http.Request) (string, bool) {
	c, ok := s.authenticate(w, r, kindUser, kindUserWorkspace, kindWorkspace)
	if !ok {
		return "", false
	}
	if _, found := s.dir.findWorkspace(c.WorkspaceID); c.WorkspaceID == "" || !found {
		fail(w, r, http.StatusForbidden, "Wrong token scope: select a workspace first")
		return "", false
	}
	return c.WorkspaceID, true
}

// handleGetIPPolicy serves GET /uauth/settings/user-bp-ip-policy.
func (s *Service) handleGetIPPolicy(w http.ResponseWriter, r *http.Request) {
	guid, ok := s.workspaceOf(w, r)
	if !ok {
		return
	}
	httpjson.Write(w, http.StatusOK, s.ipPolicies.get(guid))
}

// handleSetIPPolicy serves POST /uauth/settings/user-bp-ip-policy: the body
// replaces the whole policy; missing fields take their defaults.
func (s *Service) handleSetIPPolicy(w http.ResponseWriter, r *http.Request) {
	guid, ok := s.workspaceOf(w, r)
	if !ok {
		return
	}
	var req ipPolicyRequest
	if !decodeBody(w, r, &req) {
		return
	}
	var errs []fieldError
	for i, entry := range req.IPPolicy {
		if !validIPEntry(entry) {
			errs = append(errs, fieldError{Field: "ipPolicy", RejectedValue: entry,
				Message: fmt.Sprintf("ipPolicy[%d] must be an IPv4 or IPv6 address or CIDR block", i)})
		}
	}
	if len(errs) > 0 {
		httpjson.Write(w, http.StatusBadRequest, validationErrorBody{
			errorBody: errorBody{
				Timestamp: time.Now().UTC().Format(time.RFC3339), Status: http.StatusBadRequest,
				Error: http.StatusText(http.StatusBadRequest), Message: "Validation failed", Path: r.URL.Path,
			},
			Errors: errs,
		})
		return
	}
	pol := ipPolicy{IPPolicy: []string{}}
	if req.Enabled != nil {
		pol.Enabled = *req.Enabled
	}
	if req.EnableSupportSubnets != nil {
		pol.EnableSupportSubnets = *req.EnableSupportSubnets
	}
	if req.IPPolicy != nil {
		pol.IPPolicy = req.IPPolicy
	}
	s.ipPolicies.set(guid, pol)
	httpjson.Write(w, http.StatusOK, s.ipPolicies.get(guid))
}
