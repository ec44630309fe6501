package emulator

import (
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/cryptr"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/cyrisma"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator/synerise"
)

// State is everything the emulator holds, one object per service, as GET
// /_emulator/state answers it. Its shape is the one a seed file uses: plain
// snake_case objects, documented on each service's State type.
type State struct {
	Cryptr   cryptr.State   `json:"cryptr"`
	Cyrisma  cyrisma.State  `json:"cyrisma"`
	Synerise synerise.State `json:"synerise"`
}

// State returns a snapshot of everything the three services hold, seeded
// fixtures and deleted, suspended or disabled objects included.
func (s *Server) State() State {
	return State{Cryptr: s.cryptr.State(), Cyrisma: s.cyrisma.State(), Synerise: s.synerise.State()}
}

// IssuedSecrets returns every secret value the emulator has handed out or
// holds so far, without duplicates: the access and refresh tokens minted
// by the three services (the last 100000 of each service), SCIM tokens,
// webhook signing keys, Cyrisma secrets and agent keys, and the seeded
// credentials (client secrets, API keys and secrets, passwords, TOTP
// secrets). Tests look for them where they must never appear, such as the
// provider's logs.
func (s *Server) IssuedSecrets() []string {
	seen := map[string]bool{}
	var out []string
	for _, part := range [][]string{s.cryptr.IssuedSecrets(), s.cyrisma.IssuedSecrets(), s.synerise.IssuedSecrets()} {
		for _, v := range part {
			if v != "" && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// TokensMinted is how many access tokens each service ("cryptr", "cyrisma",
// "synerise") has minted since the server started: logins and refreshes,
// including those whose answer a fault then lost.
func (s *Server) TokensMinted() map[string]int {
	return map[string]int{"cryptr": s.cryptr.TokensMinted(), "cyrisma": s.cyrisma.TokensMinted(), "synerise": s.synerise.TokensMinted()}
}
