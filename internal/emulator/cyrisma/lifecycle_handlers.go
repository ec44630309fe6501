package cyrisma

import (
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// handleConvert serves PATCH /partner/instances/convert (one way).
func (s *Service) handleConvert(w http.ResponseWriter, r *http.Request) {
	_, id, ok := instanceIDFrom(w, r)
	if !ok {
		return
	}
	in, err := s.instances.update(s.clock(), id, func(in *instance) *apiError {
		if !in.view.IsConsulting {
			return fieldError("instance_id", "only consulting instances can be converted")
		}
		in.view.IsConsulting = false
		return nil
	})
	if err != nil {
		err.write(w)
		return
	}
	httpjson.Write(w, http.StatusOK, map[string]string{
		"instance_id": in.InstanceID, "name": in.Name, "consulting_status": "converted",
	})
}

// handleSuspend serves PATCH /partner/instances/suspend (idempotent).
func (s *Service) handleSuspend(w http.ResponseWriter, r *http.Request) {
	_, id, ok := instanceIDFrom(w, r)
	if !ok {
		return
	}
	in, err := s.instances.update(s.clock(), id, func(in *instance) *apiError {
		if in.isRoot {
			return fieldError("instance_id", "the root organization cannot be suspended")
		}
		in.suspended = true
		return nil
	})
	if err != nil {
		err.write(w)
		return
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"instanceID": in.InstanceID, "name": in.Name, "enabled": 0})
}

// handleReactivate serves reactivation (idempotent) at the path or paths
// Options.Reactivate selects.
func (s *Service) handleReactivate(w http.ResponseWriter, r *http.Request) {
	_, id, ok := instanceIDFrom(w, r)
	if !ok {
		return
	}
	in, err := s.instances.update(s.clock(), id, func(in *instance) *apiError {
		in.suspended = false
		return nil
	})
	if err != nil {
		err.write(w)
		return
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"instance_id": in.InstanceID, "name": in.Name, "enabled": 1})
}

// handleSetMFA serves PATCH /partner/instances/mfa.
func (s *Service) handleSetMFA(w http.ResponseWriter, r *http.Request) {
	f, id, ok := instanceIDFrom(w, r)
	if !ok {
		return
	}
	code := f.get("mfa_type")
	if code == "" {
		badRequest(w, "mfa_type", "is required")
		return
	}
	if !validMFA(code) {
		badRequest(w, "mfa_type", `must be "0", "1" or "2"`)
		return
	}
	in, err := s.instances.update(s.clock(), id, func(in *instance) *apiError {
		in.view.MFA = code
		return nil
	})
	if err != nil {
		err.write(w)
		return
	}
	httpjson.Write(w, http.StatusOK, map[string]string{"instance_id": in.InstanceID, "mfa": in.MFA})
}
