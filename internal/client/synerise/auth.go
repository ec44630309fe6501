package synerise

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// MFATOTPAuthenticator is the MFA method the client can complete unattended.
const MFATOTPAuthenticator = "TOTP_AUTHENTICATOR"

// ErrMFASecretMissing is returned when the account asks for TOTP MFA and no
// secret is configured.
var ErrMFASecretMissing = errors.New("the Synerise account requires multi-factor authentication (TOTP_AUTHENTICATOR) but no TOTP secret is configured: set mfa_totp_secret in the synerise block or the SYNERISE_MFA_TOTP_SECRET environment variable")

// apiKeyLoginRequest is the body of a workspace API-key login.
type apiKeyLoginRequest struct {
	APIKey string `json:"apiKey"`
}

// userLoginRequest is the body of a user login.
type userLoginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// mfaVerificationRequest is the body of an MFA confirmation.
type mfaVerificationRequest struct {
	VerificationCode string `json:"verificationCode"`
}

type tokenResponse struct {
	Token string `json:"token"`
}

type userLoginResponse struct {
	Token      string   `json:"token"`
	MFAMethods []string `json:"mfaMethods"`
}

// apiKeyLogin renews a still-valid workspace token with the legacy refresh
// endpoint, and otherwise logs in with the API key.
func (c *Client) apiKeyLogin(ctx context.Context, previous *httpclient.Token) (*httpclient.Token, error) {
	if previous != nil && previous.AccessToken != "" && c.now().Before(previous.Expiry) {
		var out tokenResponse
		_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/v4/auth/refresh/profile", BearerToken: previous.AccessToken, Result: &out})
		if err == nil && out.Token != "" {
			return c.newToken(out.Token), nil
		}
		if _, isAPIError := httpclient.AsAPIError(err); err != nil && !isAPIError {
			return nil, err
		}
	}
	var out tokenResponse
	_, err := c.api.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: "/uauth/v2/auth/login/profile", Anonymous: true, SafeToRetry: true,
		JSON: apiKeyLoginRequest{APIKey: c.cfg.APIKey}, Result: &out,
	})
	if err != nil {
		return nil, err
	}
	return c.requireToken(out.Token, "/uauth/v2/auth/login/profile")
}

// userLogin logs the user in, completes TOTP MFA when asked, and selects the
// configured workspace.
func (c *Client) userLogin(ctx context.Context) (*httpclient.Token, error) {
	var login userLoginResponse
	_, err := c.api.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: "/uauth/auth/login/user", Anonymous: true, SafeToRetry: true,
		JSON: userLoginRequest{Username: c.cfg.Username, Password: c.cfg.Password}, Result: &login,
	})
	if err != nil {
		return nil, err
	}
	token := login.Token
	if len(login.MFAMethods) > 0 {
		if token, err = c.verifyMFA(ctx, token, login.MFAMethods); err != nil {
			return nil, err
		}
	}
	// The next step carries this token: an answer without one must fail
	// here, not fall back to the token being renewed (which would wait for
	// this very login).
	if token == "" {
		return nil, httpclient.MissingTokenError("Synerise", "/uauth/auth/login/user")
	}
	if c.cfg.WorkspaceUUID != "" {
		var selected tokenResponse
		path := "/uauth/auth/login/user/profile/" + url.PathEscape(c.cfg.WorkspaceUUID)
		_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: path, BearerToken: token, SafeToRetry: true, Result: &selected})
		if err != nil {
			return nil, fmt.Errorf("selecting Synerise workspace %s: %w", c.cfg.WorkspaceUUID, err)
		}
		token = selected.Token
	}
	return c.requireToken(token, "/uauth/auth/login/user")
}

func (c *Client) verifyMFA(ctx context.Context, preMFAToken string, methods []string) (string, error) {
	if !slices.Contains(methods, MFATOTPAuthenticator) {
		return "", fmt.Errorf("the Synerise account requires multi-factor authentication by %s, which cannot be completed unattended; enable TOTP_AUTHENTICATOR for this user", strings.Join(methods, ", "))
	}
	if c.cfg.MFATOTPSecret == "" {
		return "", ErrMFASecretMissing
	}
	code, err := TOTPCode(c.cfg.MFATOTPSecret, c.now())
	if err != nil {
		return "", err
	}
	var out tokenResponse
	_, err = c.api.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: "/uauth/auth/login/user/mfa/verification",
		Query:       url.Values{"mfaType": {MFATOTPAuthenticator}},
		JSON:        mfaVerificationRequest{VerificationCode: code},
		BearerToken: preMFAToken, SafeToRetry: true, Result: &out,
	})
	if err != nil {
		if httpclient.HasStatus(err, http.StatusUnauthorized) {
			return "", fmt.Errorf("Synerise refused the TOTP code computed from the configured secret (check SYNERISE_MFA_TOTP_SECRET / mfa_totp_secret and the machine clock): %w", err)
		}
		return "", err
	}
	return out.Token, nil
}

// TOTPCode computes the RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32
// secret at t. Spaces and lower case in the secret are accepted.
func TOTPCode(secret string, at time.Time) (string, error) {
	normalized := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(secret), " ", ""))
	code, err := totp.GenerateCodeCustom(normalized, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", fmt.Errorf("the Synerise TOTP secret is not valid base32: %w", err)
	}
	return code, nil
}

func (c *Client) requireToken(token, path string) (*httpclient.Token, error) {
	if token == "" {
		return nil, httpclient.MissingTokenError("Synerise", path)
	}
	return c.newToken(token), nil
}
