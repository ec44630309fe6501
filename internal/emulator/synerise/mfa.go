package synerise

import (
	"net/http"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// mfaTOTP is the only MFA method the emulator implements.
const mfaTOTP = "TOTP_AUTHENTICATOR"

// handleMFAVerification serves POST
// /uauth/auth/login/user/mfa/verification?mfaType=TOTP_AUTHENTICATOR.
func (s *Service) handleMFAVerification(w http.ResponseWriter, r *http.Request) {
	c, ok := s.authenticate(w, r, kindPreMFA, kindUser, kindUserWorkspace)
	if !ok {
		return
	}
	switch mt := r.URL.Query().Get("mfaType"); mt {
	case mfaTOTP:
	case "":
		fail(w, r, http.StatusBadRequest, "Required query parameter mfaType is missing")
		return
	default:
		fail(w, r, http.StatusBadRequest, "Unsupported mfaType "+mt)
		return
	}
	var body struct {
		VerificationCode string `json:"verificationCode"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if body.VerificationCode == "" {
		fail(w, r, http.StatusBadRequest, "verificationCode is required")
		return
	}
	u, found := s.dir.userByID(c.UserID)
	if !found || u.totpSecret == "" {
		fail(w, r, http.StatusBadRequest, "Multi-factor authentication is not enabled for this user")
		return
	}
	if !verifyTOTP(u.totpSecret, body.VerificationCode, s.clock()) {
		fail(w, r, http.StatusUnauthorized, "Invalid verification code")
		return
	}
	token, err := s.mintUser(u, false, nil)
	if err != nil {
		fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	// As the reference's MFA response sample: consumer and token only (no
	// mfaMethods, which only the login answer carries).
	httpjson.Write(w, http.StatusOK, userLoginResponse{Token: token, Consumer: userConsumer(u, nil)})
}
