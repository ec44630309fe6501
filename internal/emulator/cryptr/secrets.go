package cryptr

// IssuedSecrets returns every secret value the service has handed out or
// holds: the seeded client secrets, the access tokens minted (the last
// secretlog.DefaultCapacity of them), every directory-sync (SCIM) token and
// webhook signing key ever issued, and those currently held.
func (s *Service) IssuedSecrets() []string {
	out := []string{sandboxClientSecret, productionClientSecret}
	out = append(out, s.secrets.All()...)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.conns.dirSyncs {
		out = append(out, d.token)
	}
	for _, h := range s.hooks.webhooks {
		out = append(out, h.signatureKey)
	}
	return out
}

// TokensMinted is how many access tokens the service has minted since it
// started (each login or refresh mints one).
func (s *Service) TokensMinted() int { return int(s.tokensMinted.Load()) }
