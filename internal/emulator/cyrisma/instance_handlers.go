package cyrisma

import (
	"net/http"
	"strings"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// validMFA reports whether code is a documented mfa_type value.
func validMFA(code string) bool { return code == "0" || code == "1" || code == "2" }

// handleListInstances serves GET /partner/instances/info. With a query
// instance_id it answers like the by-id form.
func (s *Service) handleListInstances(w http.ResponseWriter, r *http.Request) {
	if id := strings.TrimSpace(r.URL.Query().Get("instance_id")); id != "" {
		s.writeOneInstance(w, id)
		return
	}
	list := s.instances.list(s.clock())
	if !s.opts.ReportEnabled {
		httpjson.Write(w, http.StatusOK, list)
		return
	}
	out := make([]instanceWithEnabled, len(list))
	for i, in := range list {
		out[i] = instanceWithEnabled{in, 1} // listed instances are never suspended
	}
	httpjson.Write(w, http.StatusOK, out)
}

// handleGetInstance serves GET /partner/instances/info/{instance_id}.
func (s *Service) handleGetInstance(w http.ResponseWriter, r *http.Request) {
	s.writeOneInstance(w, r.PathValue("instance_id"))
}

// writeOneInstance answers an array holding instance id, or [] when it is
// unknown or still provisioning.
func (s *Service) writeOneInstance(w http.ResponseWriter, id string) {
	in, suspended, ok := s.instances.get(s.clock(), id)
	switch {
	case !ok:
		httpjson.Write(w, http.StatusOK, []instanceJSON{})
	case s.opts.ReportEnabled:
		httpjson.Write(w, http.StatusOK, []instanceWithEnabled{{in, enabledFlag(suspended)}})
	default:
		httpjson.Write(w, http.StatusOK, []instanceJSON{in})
	}
}

// handleCreateInstance serves POST /partner/instances/create.
func (s *Service) handleCreateInstance(w http.ResponseWriter, r *http.Request) {
	f, ok := readForm(w, r)
	if !ok {
		return
	}
	p, perr := parseCreate(f)
	if perr != nil {
		perr.write(w)
		return
	}
	in, err := s.instances.create(s.clock(), s.opts.ProvisioningDelay, p)
	if err != nil {
		err.write(w)
		return
	}
	s.secrets.Add(in.AgentKey)
	httpjson.Write(w, http.StatusOK, map[string]string{"instance_id": in.InstanceID, "agent_key": in.AgentKey})
}

// parseCreate validates the create form, checking required fields in
// documented order.
func parseCreate(f form) (createParams, *apiError) {
	required := []string{"instance_type", "is_consulting", "parent_instance_id", "name", "short_name", "country", "email"}
	for _, name := range required {
		if f.get(name) == "" {
			return createParams{}, fieldError(name, "is required")
		}
	}
	p := createParams{
		instanceType: f.get("instance_type"), parentID: f.get("parent_instance_id"),
		name: f.get("name"), shortName: f.get("short_name"), country: f.get("country"),
		email: f.get("email"), mfa: f.get("mfa_type"), tenantID: f.get("tenant_id"),
		address: [4]string{f.get("state"), f.get("city"), f.get("postal"), f.get("street")},
	}
	if p.instanceType != typeOrganization && p.instanceType != typeStandard {
		return p, fieldError("instance_type", `must be "organization" or "standard"`)
	}
	switch strings.ToLower(f.get("is_consulting")) {
	case "true":
		p.isConsulting = true
	case "false":
	default:
		return p, fieldError("is_consulting", `must be "true" or "false"`)
	}
	if p.isConsulting && p.instanceType == typeOrganization {
		return p, fieldError("is_consulting", "consulting organizations cannot be created")
	}
	if !strings.Contains(p.email, "@") {
		return p, fieldError("email", "must be an email address")
	}
	if p.mfa == "" {
		p.mfa = "0"
	}
	if !validMFA(p.mfa) {
		return p, fieldError("mfa_type", `must be "0", "1" or "2"`)
	}
	return p, nil
}

// instanceIDFrom reads the required instance_id field, answering 400 when it
// is missing; ok reports whether the handler may continue.
func instanceIDFrom(w http.ResponseWriter, r *http.Request) (form, string, bool) {
	f, ok := readForm(w, r)
	if !ok {
		return nil, "", false
	}
	id := f.get("instance_id")
	if id == "" {
		badRequest(w, "instance_id", "is required")
		return nil, "", false
	}
	return f, id, true
}
