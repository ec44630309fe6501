// Package emuid makes the random identifiers the emulated services hand
// out. It belongs to the emulator alone: the provider and its clients
// never see it, they only read the identifiers from the APIs' answers.
package emuid

import (
	"crypto/rand"
	"fmt"
)

// UUID returns a random version 4 UUID in its canonical lowercase form.
func UUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
