package cyrisma

// IssuedSecrets returns every secret value the service has handed out or
// holds: the seeded partner API key and secret, the root instance's agent
// key, the access and refresh tokens minted (the last
// secretlog.DefaultCapacity of them), every secret made by regen-pass, and
// the current secret and every instance's agent key.
func (s *Service) IssuedSecrets() []string {
	out := []string{DemoAPIKey, DemoAPISecret, rootAgentKey, s.auth.currentSecret()}
	out = append(out, s.secrets.All()...)
	s.instances.mu.Lock()
	defer s.instances.mu.Unlock()
	for _, in := range s.instances.byID {
		out = append(out, in.view.AgentKey)
	}
	return out
}

// TokensMinted is how many access tokens the service has minted since it
// started (each login or refresh mints one).
func (s *Service) TokensMinted() int { return int(s.tokensMinted.Load()) }
