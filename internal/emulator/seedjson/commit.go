package seedjson

import "sync"

// Commit returns the function that ends a checked seed, whose service
// stays locked from the check until then: called with true, it runs apply
// and then unlock; with false, unlock alone. Calls after the first do
// nothing, so a deferred call after an explicit one is harmless.
func Commit(apply, unlock func()) func(apply bool) {
	var once sync.Once
	return func(doApply bool) {
		once.Do(func() {
			defer unlock()
			if doApply {
				apply()
			}
		})
	}
}
