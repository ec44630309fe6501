package synerise

// IssuedSecrets returns every secret value the service has handed out or
// holds: the seeded API key, user passwords and TOTP secrets, and the
// tokens minted (user and workspace JWTs, the last
// secretlog.DefaultCapacity of them).
func (s *Service) IssuedSecrets() []string {
	out := []string{DemoAPIKey}
	for _, u := range s.dir.userList() {
		out = append(out, u.password)
		if u.totpSecret != "" {
			out = append(out, u.totpSecret)
		}
	}
	return append(out, s.secrets.All()...)
}

// TokensMinted is how many access tokens the service has minted since it
// started (each login or refresh mints one; a user login mints one per step: login, MFA, workspace selection).
func (s *Service) TokensMinted() int { return int(s.tokensMinted.Load()) }
