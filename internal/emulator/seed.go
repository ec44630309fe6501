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
// the field ("seed: cryptr.organizations[2] ("Acme"): domain: ..."). The
// check and the additions are atomic: each service stays locked from its
// check until the seed is added or dropped, so API requests and other
// LoadSeed calls running meanwhile wait, and cannot invalidate the check.
func (s *Server) LoadSeed(data []byte) error {
	var st State
	root, err := seedjson.Decode(data, &st)
	if err != nil {
		return err
	}
	// Each service checked without a problem stays locked until its finish
	// runs. The services are always locked in this order, and a request
	// locks one service only, so concurrent loads cannot deadlock.
	var finish []func(apply bool)
	var errs []error
	ok := false
	defer func() { // deferred, so that a panic in a check unlocks too
		for _, f := range finish {
			f(ok)
		}
	}()
	for _, prepare := range []func() (func(bool), error){
		func() (func(bool), error) { return s.cryptr.PrepareSeed(st.Cryptr, root.Field("cryptr")) },
		func() (func(bool), error) { return s.cyrisma.PrepareSeed(st.Cyrisma, root.Field("cyrisma")) },
		func() (func(bool), error) { return s.synerise.PrepareSeed(st.Synerise, root.Field("synerise")) },
	} {
		f, err := prepare()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		finish = append(finish, f)
	}
	err = errors.Join(errs...)
	ok = err == nil
	return err
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
