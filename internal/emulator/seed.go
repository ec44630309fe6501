package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/seedjson"
)

// LoadSeed adds the objects of a seed file to the emulator: data is JSON
// in the shape GET /_emulator/state answers (a dump, or a hand-written file
// that leaves out the fields with defaults; see "Seed files" in the package
// documentation). The whole file is checked first, against itself and
// against what the emulator holds: on any problem nothing is added and
// the error lists every problem, one a line, each naming the object and
// the field ("seed: cryptr.organizations[2] ("Acme"): domain: ..."). Load
// seeds before serving requests: objects created meanwhile by the APIs
// are not locked out during the check.
func (s *Server) LoadSeed(data []byte) error {
	var st State
	root, err := seedjson.Decode(data, &st)
	if err != nil {
		return err
	}
	applyCryptr, errCryptr := s.cryptr.PrepareSeed(st.Cryptr, root.Field("cryptr"))
	applyCyrisma, errCyrisma := s.cyrisma.PrepareSeed(st.Cyrisma, root.Field("cyrisma"))
	applySynerise, errSynerise := s.synerise.PrepareSeed(st.Synerise, root.Field("synerise"))
	if err := errors.Join(errCryptr, errCyrisma, errSynerise); err != nil {
		return err
	}
	applyCryptr()
	applyCyrisma()
	applySynerise()
	return nil
}

// LoadSeedFile reads the seed file at path and loads it (see LoadSeed).
func (s *Server) LoadSeedFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	return s.LoadSeed(data)
}

// Seed loads st, such as another server's State, as LoadSeed loads a file.
// Every field of st counts as given, as in a dump: false is false and 0 is
// 0; only empty strings (ids, times, statuses) take their defaults. To
// leave out fields with other defaults, write the seed as JSON and use
// LoadSeed.
func (s *Server) Seed(st State) error {
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	return s.LoadSeed(data)
}
